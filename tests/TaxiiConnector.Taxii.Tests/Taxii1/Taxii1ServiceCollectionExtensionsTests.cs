using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaxiiConnector.Taxii.Taxii1;
using TaxiiConnector.Taxii.Tests.Infrastructure;

namespace TaxiiConnector.Taxii.Tests.Taxii1;

public sealed class Taxii1ServiceCollectionExtensionsTests : IDisposable
{
    private readonly Taxii1TestServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task AddTaxii1Client_Configured_ResolvesATypedClientThatTalksTaxii()
    {
        _server.Answer("/d/", "Discovery_Request", Taxii1Messages.Discovery(_server.Url("/").ToString()));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTaxii1Client(o =>
        {
            ClientDefaults.Apply(o);
            o.Username = "di-user";
            o.Password = "di-pass";
            o.RequestTimeout = TimeSpan.FromSeconds(30);
        });
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<Taxii1Client>();
        var services11 = await client.DiscoverAsync(_server.Url("/d/"), CancellationToken.None);

        services11.Should().HaveCount(3);
        provider.GetRequiredService<IOptions<Taxii1ClientOptions>>().Value.RequestTimeout.Should().Be(TimeSpan.FromSeconds(30));
        _server.Requests.Single().RequestMessage.Headers!["Authorization"].Single()
            .Should().Be("Basic " + Convert.ToBase64String("di-user:di-pass"u8.ToArray()));
    }
}
