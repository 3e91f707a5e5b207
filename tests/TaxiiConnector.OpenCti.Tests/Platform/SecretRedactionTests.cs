using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TaxiiConnector.OpenCti.GraphQL;
using TaxiiConnector.OpenCti.Registration;
using TaxiiConnector.OpenCti.Sinks;
using TaxiiConnector.OpenCti.State;
using TaxiiConnector.OpenCti.Tests.Sinks;

namespace TaxiiConnector.OpenCti.Tests.Platform;

public sealed class SecretRedactionTests : IDisposable
{
    private readonly FakeOpenCtiPlatform _platform = new();
    private readonly RecordingLoggerProvider _logs = new();

    [Fact]
    public async Task Session_TraceLoggingWithFailures_NeverLogsTokenOrBrokerPassword()
    {
        using var services = _platform.BuildServices(
            o => o.Mq.Pass = "mq-secret-pass",
            more: s => s.AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace)));
        var errors = new List<string>();
        await services.GetRequiredService<IStateStore>().LoadAsync(CancellationToken.None);
        await services.GetRequiredService<IStateStore>().CommitAsync("k", "c", CancellationToken.None);
        _platform.Respond(FakeOpenCtiPlatform.BundlePush, 500, "boom", priority: 0);
        _platform.RespondError(FakeOpenCtiPlatform.WorkAdd, "Forbidden", "FORBIDDEN_ACCESS", priority: 0);
        using (var bundle = Bundles.Sample())
        {
            try
            {
                await services.GetRequiredService<IBundleSink>().PushAsync(bundle, new PushContext(null, "s", "c"), CancellationToken.None);
            }
            catch (OpenCtiHttpException ex)
            {
                errors.Add(ex.ToString());
            }
        }

        try
        {
            await services.GetRequiredService<TaxiiConnector.OpenCti.Works.IWorkTracker>().StartAsync("run", CancellationToken.None);
        }
        catch (OpenCtiGraphQLException ex)
        {
            errors.Add(ex.ToString());
        }

        var registration = services.GetRequiredService<ConnectorSession>().Current!;
        errors.Add(registration.ToString());

        _logs.Events.Should().NotBeEmpty();
        errors.Should().HaveCount(3);
        var everything = string.Join('\n', _logs.Events.Select(e => e.Message).Concat(errors));
        everything.Should().Contain("Authorization", "request headers are logged at Trace, so the redaction is what keeps the token out");
        everything.Should().NotContain(FakeOpenCtiPlatform.Token).And.NotContain("mq-secret-pass");
    }

    public void Dispose() => _platform.Dispose();
}
