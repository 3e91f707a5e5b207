using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.OpenCti.Sinks.Splitting;
using TaxiiConnector.Stix.Bundles;

namespace TaxiiConnector.OpenCti.Tests.Sinks;

/// <summary>
/// pycti sends the author identity once: the Python TAXII2 connector builds one bundle per run and the splitter keeps each
/// id once (OpenCTIStix2Splitter, "the last occurrence wins"). Page by page, the ledger gives the same: once per work
/// and collection.
/// </summary>
public sealed class SharedObjectLedgerTests
{
    [Fact]
    public void Select_SharedObjectConfirmedInThisWorkAndCollection_IsNotSentAgain()
    {
        var ledger = new SharedObjectLedger();
        var context = new PushContext("work-1", "taxii2", "c1");
        using var page1 = Pieces(Bundles.Identity, Bundles.Malware);
        using var page2 = Pieces(Bundles.Identity, Bundles.Indicator);

        var first = ledger.Select(page1, context);
        ledger.Delivered(page1, first, context);
        var second = ledger.Select(page2, context);

        first.Should().Equal(0, 1);
        second.Select(i => page2.SharedObjectId(i)).Should().OnlyContain(id => id == null, "the identity already went in this work");
        second.Should().HaveCount(1);
    }

    [Fact]
    public void Select_NewWorkOrOtherCollectionOrNoWork_SendsTheSharedObjectAgain()
    {
        var ledger = new SharedObjectLedger();
        using var page = Pieces(Bundles.Identity, Bundles.Malware);
        var context = new PushContext("work-1", "taxii2", "c1");
        ledger.Delivered(page, ledger.Select(page, context), context);

        ledger.Select(page, context with { WorkId = "work-2" }).Should().HaveCount(2);
        ledger.Select(page, context with { Collection = "c2" }).Should().HaveCount(2);
        ledger.Select(page, context with { WorkId = null }).Should().HaveCount(2);
    }

    [Fact]
    public void Select_NotConfirmed_IsSentAgain()
    {
        var ledger = new SharedObjectLedger();
        using var page = Pieces(Bundles.Identity, Bundles.Malware);
        var context = new PushContext("work-1", "taxii2", "c1");

        ledger.Select(page, context);

        ledger.Select(page, context).Should().HaveCount(2, "nothing is remembered before the broker confirmed it");
    }

    private static OneObjectBundles Pieces(string shared, string other)
    {
        using var plain = Bundles.Create(shared, other);
        using var bundle = new StixBundle(plain.Id, plain.Json.ToArray(), plain.ObjectCount, plain.EntityTypes) { SharedObjectCount = 1 };
        return OneObjectBundles.Create(bundle);
    }
}
