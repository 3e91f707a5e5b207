namespace TaxiiConnector.Tests.Support;

/// <summary>
/// The shared test log sink is read by the test while the logger writes from other threads (the failure seen once in
/// MetricsEndpointTests: <c>StringBuilder.ToString</c> threw <c>chunkLength</c> out of range on a plain StringWriter).
/// </summary>
public sealed class ConcurrentLogWriterTests
{
    [Fact]
    public async Task ToString_WhileOtherThreadsWriteLines_NeverThrowsAndNeverTearsALine()
    {
        TextWriter writer = new ConcurrentLogWriter();
        var line = new string('x', 100);

        var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                writer.WriteLine(line);
            }
        })).ToArray();

        var reads = 0;
        do
        {
            var text = writer.ToString()!;
            text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.TrimEnd('\r') != line).Should().BeEmpty();
            reads++;
        }
        while (!writers.All(task => task.IsCompleted));

        await Task.WhenAll(writers);
        writer.ToString()!.Length.Should().Be(4 * 20_000 * (line.Length + Environment.NewLine.Length));
        reads.Should().BePositive();
    }
}
