using System.Text.RegularExpressions;
using TaxiiConnector.Observability;
using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.Observability;

public sealed partial class OperationsDocumentationTests
{
    [Fact]
    public async Task Readme_OperationsTable_ListsEveryExportedMetric()
    {
        var metrics = new ConnectorMetrics(new RunHealthTracker(TimeProvider.System));
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream);
        var families = TypeLine().Matches(System.Text.Encoding.UTF8.GetString(stream.ToArray())).Select(m => m.Groups[1].Value).ToList();
        var readme = await File.ReadAllTextAsync(RepositoryRoot.File("README.md"));
        var operations = readme[readme.IndexOf("## Operations", StringComparison.Ordinal)..];

        families.Should().HaveCountGreaterThan(10);
        foreach (var family in families)
        {
            operations.Should().Contain($"| `{family}` |", $"README's Operations table documents {family}");
        }
    }

    [GeneratedRegex("^# TYPE (\\S+) ", RegexOptions.Multiline)]
    private static partial Regex TypeLine();
}
