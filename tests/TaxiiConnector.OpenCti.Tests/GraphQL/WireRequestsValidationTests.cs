using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TaxiiConnector.OpenCti.Buffering;
using TaxiiConnector.OpenCti.GraphQL;
using TaxiiConnector.OpenCti.Ping;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.OpenCti.State;
using TaxiiConnector.OpenCti.Tests.Platform;
using TaxiiConnector.OpenCti.Tests.Sinks;
using TaxiiConnector.OpenCti.Works;

namespace TaxiiConnector.OpenCti.Tests.GraphQL;

/// <summary>A whole session against a fake platform; every request body that went over the wire is validated against the schema.</summary>
[Collection(OpenCtiSchemaCollection.Name)]
public sealed class WireRequestsValidationTests : IDisposable
{
    private readonly FakeOpenCtiPlatform _platform = new();
    private readonly OpenCtiSchemaFixture _schema;

    public WireRequestsValidationTests(OpenCtiSchemaFixture schema)
    {
        _schema = schema;
    }

    [Fact]
    public async Task Session_EveryRequestSent_ValidatesAndCoversEveryDocument()
    {
        using var services = _platform.BuildServices();
        var state = services.GetRequiredService<IStateStore>();
        await state.LoadAsync(CancellationToken.None);
        await services.GetRequiredService<QueueBufferingCheck>().ShouldSkipRunAsync(CancellationToken.None);
        var works = services.GetRequiredService<IWorkTracker>();
        var workId = await works.StartAsync("TAXII2 run", CancellationToken.None);
        await works.AddExpectationsAsync(workId, 4, CancellationToken.None);
        using (var bundle = Bundles.Sample())
        {
            await services.GetRequiredService<IBundleSink>().PushAsync(bundle, new PushContext(workId, "taxii2", "c1"), CancellationToken.None);
        }

        await state.CommitAsync("taxii2|https://h/api1/|c1", "2026-11-24T09:00:00.000Z", CancellationToken.None);
        services.GetRequiredService<ConnectorRunInfo>().SetRunTimes(_platform.Time.GetUtcNow(), _platform.Time.GetUtcNow().AddHours(1));
        await services.GetRequiredService<ConnectorPinger>().PingAsync(CancellationToken.None);
        await works.CompleteAsync(workId, "done", inError: false, CancellationToken.None);

        var sentQueries = new HashSet<string>();
        foreach (var entry in _platform.Server.LogEntries)
        {
            using var body = JsonDocument.Parse(entry.RequestMessage.Body!);
            var query = body.RootElement.GetProperty("query").GetString()!;
            var errors = await _schema.ValidateAsync(query, body.RootElement.GetProperty("variables").GetRawText());
            errors.Should().BeEmpty($"the request {query} must validate");
            sentQueries.Add(query);
        }

        OpenCtiDocumentsTests.AllDocuments().Select(f => (string)f.GetValue(null)!).Should().OnlyContain(q => sentQueries.Contains(q));
    }

    public void Dispose() => _platform.Dispose();
}
