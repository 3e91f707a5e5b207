using Microsoft.Extensions.Logging.Abstractions;
using TaxiiConnector.Taxii.Auth;
using TaxiiConnector.Taxii.Taxii2;

namespace TaxiiConnector.Taxii.Tests.Auth;

public sealed class PrimaryHandlerFactoryTests
{
    [Fact]
    public void Create_Defaults_KeepTheEnvironmentProxyAndSystemTrust()
    {
        using var handler = PrimaryHandlerFactory.Create(Infrastructure.ClientDefaults.Apply(new Taxii2ClientOptions()), NullLogger.Instance);

        // Proxy null + UseProxy true = HttpClient.DefaultProxy, which reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY.
        handler.UseProxy.Should().BeTrue();
        handler.Proxy.Should().BeNull();
        handler.SslOptions.RemoteCertificateValidationCallback.Should().BeNull();
        (handler.SslOptions.ClientCertificates?.Count ?? 0).Should().Be(0);
    }

    [Fact]
    public void Create_MissingCertificateFile_FailsNamingThePathOnly()
    {
        var options = Infrastructure.ClientDefaults.Apply(new Taxii2ClientOptions { Tls = { CertificatePath = "/nonexistent/client.pem", CertificatePassword = "pfx-secret" } });

        var act = () => PrimaryHandlerFactory.Create(options, NullLogger.Instance);

        act.Should().Throw<FileNotFoundException>().Which.Message.Should().Contain("/nonexistent/client.pem").And.NotContain("pfx-secret");
    }
}
