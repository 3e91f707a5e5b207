using System.Net;
using System.Text;
using System.Text.Json;
using TaxiiConnector.OpenCti.GraphQL;
using TaxiiConnector.OpenCti.Sinks;

namespace TaxiiConnector.OpenCti.Tests.Sinks;

/// <summary>
/// The <c>stixBundlePush</c> body is pycti's, byte for byte. pycti's <c>OpenCTIApiClient.send_bundle_to_api</c>
/// (client-python/pycti/api/opencti_api_client.py) calls <c>query(mutation, {"connectorId", "bundle", "work_id"})</c>,
/// which posts <c>requests.post(api_url, json={"query": query, "variables": variables})</c>; requests serialises that with
/// <c>json.dumps(body, allow_nan=False)</c> (Python's defaults: <c>", "</c> and <c>": "</c> separators, ASCII-only
/// escaping with lowercase hex). The golden bodies below were printed by exactly that call (Python 3.11, requests 2.34),
/// with the mutation text copied from <c>send_bundle_to_api</c>, whitespace included.
/// </summary>
public sealed class BundlePushRequestContentTests
{
    private const string ConnectorId = "2b6a4a5e-8d43-4f0c-9a8e-0c7c1a8e4b11";

    private const string Bundle = """"
        {"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","name":"Café 漢字 😀 <b>&'+/","description":"line one\nline \"two\" \\ tab\t \u0001","pattern":"[url:value = 'http://a.example/?q=1&r=2']"}]}
        """";

    private const string Golden = """"
        {"query": "\n                    mutation StixBundlePush($connectorId: String!, $bundle: String!, $work_id: String) {\n                        stixBundlePush(connectorId: $connectorId, bundle: $bundle, work_id: $work_id)\n                    }\n                 ", "variables": {"connectorId": "2b6a4a5e-8d43-4f0c-9a8e-0c7c1a8e4b11", "bundle": "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"objects\":[{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\",\"name\":\"Caf\u00e9 \u6f22\u5b57 \ud83d\ude00 <b>&'+/\",\"description\":\"line one\\nline \\\"two\\\" \\\\ tab\\t \\u0001\",\"pattern\":\"[url:value = 'http://a.example/?q=1&r=2']\"}]}", "work_id": "work_3f1c\u00e9"}}
        """";

    private const string GoldenWithoutWork = """"
        {"query": "\n                    mutation StixBundlePush($connectorId: String!, $bundle: String!, $work_id: String) {\n                        stixBundlePush(connectorId: $connectorId, bundle: $bundle, work_id: $work_id)\n                    }\n                 ", "variables": {"connectorId": "2b6a4a5e-8d43-4f0c-9a8e-0c7c1a8e4b11", "bundle": "{\"type\":\"bundle\",\"objects\":[]}", "work_id": null}}
        """";

    [Fact]
    public async Task Body_MatchesPyctiSendBundleToApiByteForByte()
    {
        using var content = new BundlePushRequestContent(OpenCtiDocuments.StixBundlePush, ConnectorId, Encoding.UTF8.GetBytes(Bundle), "work_3f1c\u00e9");

        var body = await content.ReadAsByteArrayAsync();

        Encoding.UTF8.GetString(body).Should().Be(Golden);
        content.Headers.ContentLength.Should().Be(body.Length, "the length is computed up front and sent as Content-Length");
        content.Headers.ContentType!.ToString().Should().Be("application/json", "requests' json= sets exactly this");
    }

    [Fact]
    public async Task Body_NoWork_MatchesPyctiWithNullWorkId()
    {
        using var content = new BundlePushRequestContent(OpenCtiDocuments.StixBundlePush, ConnectorId, """{"type":"bundle","objects":[]}"""u8.ToArray(), null);

        Encoding.UTF8.GetString(await content.ReadAsByteArrayAsync()).Should().Be(GoldenWithoutWork);
    }

    [Fact]
    public async Task Body_SentTwice_SameBytesBothTimes()
    {
        // The pipeline pushes a bundle again when the platform was not reached: the content must serialise again.
        using var content = new BundlePushRequestContent(OpenCtiDocuments.StixBundlePush, ConnectorId, Encoding.UTF8.GetBytes(Bundle), "w");
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        await content.CopyToAsync(first);
        await content.CopyToAsync(second);

        second.ToArray().Should().Equal(first.ToArray());
    }

    [Fact]
    public async Task Body_BundleOfSeveralChunksWithEscapesAtEveryOffset_ParsesBackToTheBundle()
    {
        // Escapes of every length (2, 6 and 12 bytes) land on each side of the 64 KiB chunk boundary somewhere.
        var text = new StringBuilder("{\"type\":\"bundle\",\"objects\":[");
        for (var i = 0; text.Length < 300_000; i++)
        {
            text.Append(i % 3 == 0 ? "\"a\\\"b\"," : i % 3 == 1 ? "\"\u00e9\u6f22x\"," : "\"\U0001F600\",");
        }

        text.Append("\"end\"]}");
        var bundle = text.ToString();
        using var content = new BundlePushRequestContent(OpenCtiDocuments.StixBundlePush, ConnectorId, Encoding.UTF8.GetBytes(bundle), "w");

        var body = await content.ReadAsByteArrayAsync();

        content.Headers.ContentLength.Should().Be(body.Length);
        body.Should().OnlyContain(b => b < 0x80, "everything beyond ASCII is escaped");
        using var parsed = JsonDocument.Parse(body);
        parsed.RootElement.GetProperty("variables").GetProperty("bundle").GetString().Should().Be(bundle);
    }

    [Fact]
    public void Escape_ControlsDelNonAsciiAndAstralCharacters_AsPythonJsonDumps()
    {
        // json.dumps("".join(chr(i) for i in range(0x20)) + "\x7f\x80\uffff\U00010000\"\\/ ~"), quotes removed.
        const string python = """"
            \u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f\u0080\uffff\ud800\udc00\"\\/ ~
            """";
        var source = string.Concat(Enumerable.Range(0, 0x20).Select(i => (char)i)) + "\u007f\u0080\uffff\U00010000\"\\/ ~";

        Encoding.ASCII.GetString(AsciiJsonEscaper.Escape(source)).Should().Be(python);
    }

    [Fact]
    public void Escape_InvalidUtf8_BecomesReplacementCharacter()
    {
        var escaped = new byte[64];

        var written = AsciiJsonEscaper.Escape([(byte)'a', 0xFF, (byte)'b'], escaped, out var consumed);

        consumed.Should().Be(3);
        Encoding.ASCII.GetString(escaped, 0, written).Should().Be("a\\ufffdb");
    }
}
