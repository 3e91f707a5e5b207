using System.Net.Http.Headers;
using System.Text;
using TaxiiConnector.Server.Push;

namespace TaxiiConnector.Server.Tests.Push;

/// <summary>A push endpoint over a temporary spool directory, with two collections and three users.</summary>
internal sealed class PushTestServer : IAsyncDisposable
{
    public const string Shared = "c2d4e6f8-1a3b-4c5d-8e7f-9a0b1c2d3e4f";
    public const string Restricted = "d3e5f7a9-2b4c-4d6e-9f80-a1b2c3d4e5f6";
    public const string AlicePassword = "correct horse battery staple";
    public const string PartnerToken = "tok-3f9a1c7e5b2d4e6f8a0b";

    private PushTestServer(TaxiiPushHost host, string spoolDirectory)
    {
        Host = host;
        SpoolDirectory = spoolDirectory;
    }

    public TaxiiPushHost Host { get; private set; }

    public string SpoolDirectory { get; }

    public static async Task<PushTestServer> StartAsync(long maxContentLength = 64 * 1024, string? spoolDirectory = null)
    {
        spoolDirectory ??= Directory.CreateTempSubdirectory("taxii-push-tests-").FullName;
        return new PushTestServer(await TaxiiPushHost.StartAsync(Options(spoolDirectory, maxContentLength)), spoolDirectory);
    }

    /// <summary>Stops the endpoint and starts a new one over the same spool, as a process restart would.</summary>
    public async Task RestartAsync()
    {
        var maxContentLength = Host.Options.MaxContentLength;
        await Host.DisposeAsync();
        Host = await TaxiiPushHost.StartAsync(Options(SpoolDirectory, maxContentLength));
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public static AuthenticationHeaderValue Alice => Basic("alice", AlicePassword);

    public static AuthenticationHeaderValue Partner => new("Bearer", PartnerToken);

    public static string Envelope(int count, int first = 0) =>
        "{\"objects\":[" + string.Join(",", Enumerable.Range(first, count).Select(IndicatorJson)) + "]}";

    public static string IndicatorId(int index) => $"indicator--6b0b1c2d-3e4f-4a5b-8c6d-{index:D12}";

    public static string IndicatorJson(int index) =>
        $$"""{"type":"indicator","spec_version":"2.1","id":"{{IndicatorId(index)}}","created":"2026-04-01T10:00:00.000Z","modified":"2026-04-01T10:00:{{index % 60:D2}}.000Z","pattern":"[domain-name:value = 'host{{index}}.example.com']","pattern_type":"stix","valid_from":"2026-04-01T10:00:00Z"}""";

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(SpoolDirectory, recursive: true);
    }

    private static TaxiiPushHostOptions Options(string spoolDirectory, long maxContentLength) => new()
    {
        ApiRoot = "push",
        Title = "Push endpoint",
        ApiRootTitle = "Push API root",
        SpoolDirectory = spoolDirectory,
        MaxContentLength = maxContentLength,
        Collections =
        [
            new TaxiiPushCollection(Shared, "Shared feed") { Description = "Partners push here." },
            new TaxiiPushCollection(Restricted, "Restricted feed"),
        ],
        Users =
        [
            new TaxiiPushUser("alice") { Password = AlicePassword, Collections = [Shared, Restricted] },
            new TaxiiPushUser("bob") { Password = "bob-secret", Collections = [Shared] },
            new TaxiiPushUser("partner") { BearerToken = PartnerToken, Collections = ["*"] },
        ],
    };
}
