using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TaxiiConnector.Taxii.Taxii1;
using TaxiiConnector.Taxii.Tests.Infrastructure;

namespace TaxiiConnector.Taxii.Tests.Taxii1;

internal static class Taxii1ClientFactory
{
    public static Taxii1Client Create(TimeProvider? timeProvider = null, Action<Taxii1ClientOptions>? configure = null)
    {
        var options = ClientDefaults.Apply(new Taxii1ClientOptions { Username = "taxii-user", Password = "s3cret-Pa55" });
        configure?.Invoke(options);
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
        return new Taxii1Client(http, Options.Create(options), timeProvider ?? TimeProvider.System, NullLogger<Taxii1Client>.Instance);
    }

    public static async Task<List<Taxii1ContentBlock>> PollAllAsync(this Taxii1Client client, Taxii1PollRequest request, Taxii1PollProgress? progress = null)
    {
        var blocks = new List<Taxii1ContentBlock>();
        await foreach (var block in client.PollAsync(request, progress, CancellationToken.None))
        {
            blocks.Add(block);
        }

        return blocks;
    }
}
