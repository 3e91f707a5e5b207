namespace TaxiiConnector.Stix.Tests.Stix1;

/// <summary>
/// E-mail messages: header fields and attachments in the pattern (STIX 2.1 §6.5 email-message properties), the body
/// and links only in the observable (the golden case "email-message" has the whole output).
/// </summary>
public sealed class Stix1EmailTests
{
    [Fact]
    public void AddPackage_SubjectContainsAndSender_LikeAndEqualityComparisons()
    {
        const string properties = """
            <cybox:Properties xsi:type="EmailMessageObj:EmailMessageObjectType"><EmailMessageObj:Header>
              <EmailMessageObj:Sender xsi:type="AddressObj:AddressObjectType" category="e-mail"><AddressObj:Address_Value>relay@bad.example</AddressObj:Address_Value></EmailMessageObj:Sender>
              <EmailMessageObj:Subject condition="Contains">invoice</EmailMessageObj:Subject>
            </EmailMessageObj:Header></cybox:Properties>
            """;

        var pattern = Stix1PatternFidelityTests.ConvertSingle(properties, out var skipped);

        skipped.Should().BeEmpty();
        pattern.Should().Be("[email-message:subject LIKE '%invoice%' AND email-message:sender_ref.value = 'relay@bad.example']");
        Stix1PatternFidelityTests.AssertScannerAccepts(pattern!);
    }

    [Fact]
    public void AddPackage_BodyOnly_SkippedBecauseNothingIsMatchable()
    {
        const string properties = """<cybox:Properties xsi:type="EmailMessageObj:EmailMessageObjectType"><EmailMessageObj:Raw_Body>hello</EmailMessageObj:Raw_Body></cybox:Properties>""";

        Stix1PatternFidelityTests.ConvertSingle(properties, out var skipped).Should().BeNull();
        skipped.Keys.Should().Equal("e-mail message without header fields or attachments");
    }

    [Fact]
    public void AddPackage_AttachmentWithNameAndHash_SkippedBecauseTwoListComparisonsAreNotBoundToOnePart()
    {
        var indicator = Stix1Samples.PhishingEmail.Replace(
            "<FileObj:File_Name>invoice.doc.exe</FileObj:File_Name>",
            "<FileObj:File_Name>invoice.doc.exe</FileObj:File_Name><FileObj:Size_In_Bytes>100</FileObj:Size_In_Bytes>",
            StringComparison.Ordinal);

        var converter = new TaxiiConnector.Stix.Stix1.Stix1Converter(new(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
        using var page = converter.CreatePage();
        page.AddPackage(System.Xml.Linq.XElement.Parse(Stix1Samples.Package(indicator)));

        page.IndicatorCount.Should().Be(0);
        page.SkipReasons.Keys.Should().Equal("unsupported constraint EmailMessage.Attachments (several properties of one attachment)");
    }

    [Fact]
    public void AddPackage_RelatedObjectNotReferencedByTheMessage_Skipped()
    {
        var indicator = Stix1Samples.PhishingEmail.Replace(
            """<EmailMessageObj:Link object_reference="example:URI-8e0c5d44-1111-4222-8333-000000000204"/>""",
            string.Empty,
            StringComparison.Ordinal);

        var converter = new TaxiiConnector.Stix.Stix1.Stix1Converter(new(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
        using var page = converter.CreatePage();
        page.AddPackage(System.Xml.Linq.XElement.Parse(Stix1Samples.Package(indicator)));

        page.SkipReasons.Keys.Should().Equal("unsupported constraint EmailMessage.Related_Objects");
    }
}
