using System.Text;
using System.Xml;
using System.Xml.Linq;
using TaxiiConnector.Taxii.Taxii1;
using TaxiiConnector.Taxii.Taxii1.Xml;

namespace TaxiiConnector.Taxii.Tests.Taxii1;

/// <summary>XXE and entity-expansion payloads must be refused before anything is resolved or expanded.</summary>
public sealed class Taxii1HostileXmlTests : IDisposable
{
    private const string PollPath = "/poll/";
    private static readonly DateTimeOffset Begin = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    private readonly Taxii1TestServer _server = new();
    private readonly string _secretFile;
    private readonly string _marker = "SECRET-MARKER-" + Guid.NewGuid().ToString("N");

    public Taxii1HostileXmlTests()
    {
        _secretFile = Path.Combine(Path.GetTempPath(), $"taxii1-xxe-{Guid.NewGuid():N}.txt");
        File.WriteAllText(_secretFile, _marker);
    }

    public void Dispose()
    {
        _server.Dispose();
        File.Delete(_secretFile);
    }

    [Fact]
    public async Task PollAsync_ExternalEntityInResponse_IsRefusedAndFileNeverRead()
    {
        var xml = $"""
            <?xml version="1.0"?>
            <!DOCTYPE taxii_11:Poll_Response [ <!ENTITY xxe SYSTEM "{new Uri(_secretFile).AbsoluteUri}"> ]>
            <taxii_11:Poll_Response xmlns:taxii_11="{Taxii1Messages.Ns}" message_id="1" collection_name="c" more="false">
              <taxii_11:Content_Block>
                <taxii_11:Content_Binding binding_id="urn:stix.mitre.org:xml:1.1.1"/>
                <taxii_11:Content><stix:STIX_Package xmlns:stix="http://stix.mitre.org/stix-1"><stix:Title>&xxe;</stix:Title></stix:STIX_Package></taxii_11:Content>
              </taxii_11:Content_Block>
            </taxii_11:Poll_Response>
            """;
        _server.Answer(PollPath, "Poll_Request", xml);
        var client = Taxii1ClientFactory.Create();
        var seen = new List<string>();
        var accessedBefore = File.GetLastAccessTimeUtc(_secretFile);

        var act = async () =>
        {
            await foreach (var block in client.PollAsync(new Taxii1PollRequest(_server.Url(PollPath), "c", Begin, null), null, CancellationToken.None))
            {
                seen.Add(block.Payload?.ToString() ?? block.Text ?? string.Empty);
            }
        };

        var error = (await act.Should().ThrowAsync<Taxii1Exception>()).Which;
        error.Kind.Should().Be(Taxii1ErrorKind.Protocol);
        error.Message.Should().Contain("DTD").And.Contain("refused").And.NotContain(_marker);
        error.ToString().Should().NotContain(_marker);
        seen.Should().BeEmpty();
        File.GetLastAccessTimeUtc(_secretFile).Should().Be(accessedBefore);
    }

    [Fact]
    public async Task PollAsync_ExternalEntityInsideEscapedContentText_IsRefused()
    {
        var inner = $"""<!DOCTYPE p [ <!ENTITY xxe SYSTEM "{new Uri(_secretFile).AbsoluteUri}"> ]><p>&xxe;</p>""";
        var xml = $"""
            <taxii_11:Poll_Response xmlns:taxii_11="{Taxii1Messages.Ns}" message_id="1" collection_name="c" more="false">
              <taxii_11:Content_Block>
                <taxii_11:Content_Binding binding_id="urn:stix.mitre.org:xml:1.1.1"/>
                <taxii_11:Content>{System.Security.SecurityElement.Escape(inner)}</taxii_11:Content>
              </taxii_11:Content_Block>
            </taxii_11:Poll_Response>
            """;
        _server.Answer(PollPath, "Poll_Request", xml);
        var client = Taxii1ClientFactory.Create();

        var act = () => client.PollAllAsync(new Taxii1PollRequest(_server.Url(PollPath), "c", Begin, null));

        var error = (await act.Should().ThrowAsync<Taxii1Exception>()).Which;
        error.Message.Should().Contain("DTD").And.NotContain(_marker);
    }

    [Fact]
    public async Task DiscoverAsync_BillionLaughs_IsRefused()
    {
        _server.Answer("/d/", "Discovery_Request", BillionLaughs);
        var client = Taxii1ClientFactory.Create();

        var act = () => client.DiscoverAsync(_server.Url("/d/"), CancellationToken.None);

        var error = (await act.Should().ThrowAsync<Taxii1Exception>()).Which;
        error.Kind.Should().Be(Taxii1ErrorKind.Protocol);
        error.Message.Should().Contain("DTD");
    }

    [Fact]
    public void Reader_BillionLaughs_FailsWithoutExpandingOrAllocating()
    {
        var bytes = Encoding.UTF8.GetBytes(BillionLaughs);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var act = () =>
        {
            using var reader = Taxii1XmlReaderFactory.Create(new MemoryStream(bytes), maxCharactersInDocument: 0, async: false);
            reader.MoveToContent();
            return XNode.ReadFrom(reader);
        };

        act.Should().Throw<XmlException>().WithMessage("*DTD*");
        // Fully expanded, lol9 is 10^9 characters (2 GB as UTF-16): a few hundred KB of reader buffers is the whole cost.
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(4 * 1024 * 1024);
    }

    [Fact]
    public void Reader_Settings_ProhibitDtdAndResolveNothing()
    {
        var settings = Taxii1XmlReaderFactory.CreateSettings(0, async: false);

        settings.DtdProcessing.Should().Be(DtdProcessing.Prohibit);
        settings.MaxCharactersFromEntities.Should().BeLessThanOrEqualTo(1024);
    }

    private static string BillionLaughs => $"""
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <taxii_11:Discovery_Response xmlns:taxii_11="{Taxii1Messages.Ns}" message_id="1"><taxii_11:Message>&lol9;</taxii_11:Message></taxii_11:Discovery_Response>
        """;
}
