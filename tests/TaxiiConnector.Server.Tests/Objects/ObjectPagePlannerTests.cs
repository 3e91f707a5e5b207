using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using TaxiiConnector.Testing.Generated;
using TaxiiConnector.Server.Objects;

namespace TaxiiConnector.Server.Tests.Objects;

public sealed class ObjectPagePlannerTests
{
    private static readonly GeneratedTaxiiObjectStore Store = new(new GeneratedCollectionOptions { ObjectCount = 100 });

    [Theory]
    [InlineData(0, 10, 1000, 10, 10L)]
    [InlineData(95, 10, 1000, 5, null)]
    [InlineData(90, 10, 1000, 10, null)]
    [InlineData(89, 10, 1000, 10, 99L)]
    [InlineData(20, 50, 7, 7, 27L)]
    [InlineData(100, 10, 1000, 0, null)]
    public void Plan_NoObjectFilter_IsTheNextIndexRangeCappedByLimitBudgetAndEnd(long start, int limit, long budget, int expectedCount, long? expectedNext)
    {
        var page = ObjectPagePlanner.Plan(Store, Query(), start, pageNumber: 3, limit, budget);

        page.Indexes.Should().Equal(Enumerable.Range(0, expectedCount).Select(i => start + i));
        page.NextPosition.Should().Be(expectedNext);
        page.PageNumber.Should().Be(3);
        page.FirstDateAdded.Should().Be(expectedCount == 0 ? null : Store.GetDateAdded(start));
        page.LastDateAdded.Should().Be(expectedCount == 0 ? null : Store.GetDateAdded(start + expectedCount - 1));
    }

    [Fact]
    public void Plan_NoObjectFilter_MatchesThePlanOfAFilterThatAdmitsEveryObject()
    {
        var everyType = Query(("match[type]", "indicator,ipv4-addr,domain-name,url,file,relationship,report"));

        foreach (var (start, limit, budget) in new (long, int, long)[] { (0, 1, 1000), (0, 100, 1000), (37, 20, 1000), (37, 20, 5), (99, 3, 1000) })
        {
            var range = ObjectPagePlanner.Plan(Store, Query(), start, 1, limit, budget);
            var filtered = ObjectPagePlanner.Plan(Store, everyType, start, 1, limit, budget);

            range.Indexes.Should().Equal(filtered.Indexes);
            range.NextPosition.Should().Be(filtered.NextPosition);
            range.FirstDateAdded.Should().Be(filtered.FirstDateAdded);
            range.LastDateAdded.Should().Be(filtered.LastDateAdded);
        }
    }

    [Fact]
    public void Plan_SpecVersionExcluded_IsEmptyWithoutMore()
    {
        var page = ObjectPagePlanner.Plan(Store, Query(("match[spec_version]", "2.0")), 0, 1, 10, 1000);

        page.Indexes.Should().BeEmpty();
        page.NextPosition.Should().BeNull();
    }

    private static ObjectsQuery Query(params (string Name, string Value)[] parameters)
    {
        var query = new QueryCollection(parameters.ToDictionary(p => p.Name, p => new StringValues(p.Value)));
        ObjectsQuery.TryParse(query, out var parsed, out var error).Should().BeTrue(error);
        return parsed;
    }
}
