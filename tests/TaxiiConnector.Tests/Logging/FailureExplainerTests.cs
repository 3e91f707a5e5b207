using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using TaxiiConnector.Logging;
using TaxiiConnector.OpenCti.GraphQL;
using TaxiiConnector.Sources;
using TaxiiConnector.Taxii.Errors;

namespace TaxiiConnector.Tests.Logging;

/// <summary>Issue 16: each cause maps to one line naming the URL (never a password) and the environment variable and key to change.</summary>
public sealed class FailureExplainerTests
{
    [Fact]
    public void Explain_TaxiiDnsFailure_NamesTheDiscoveryUrlSettingAndTheHostName()
    {
        var inner = new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (taxii.invalid:443)",
            new SocketException((int)SocketError.HostNotFound));
        var failure = FailureExplainer.Explain(new TaxiiException("TAXII request https://taxii.invalid/taxii2/ failed: " + inner.Message, inner), "taxii2");

        failure.Kind.Should().Be(FailureKind.NameResolution);
        failure.NeedsOperator.Should().BeFalse("a resolver can recover by itself");
        failure.Line.Should().Contain("https://taxii.invalid/taxii2/").And.Contain("does not resolve").And.Contain("TAXII2_DISCOVERY_URL (taxii2.discovery_url)");
    }

    [Fact]
    public void Explain_TaxiiTlsFailure_NamesTheTlsSettings()
    {
        var inner = new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established",
            new AuthenticationException("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot"));
        var failure = FailureExplainer.Explain(new TaxiiException("TAXII request https://taxii.example/taxii2/ failed: " + inner.Message, inner), "taxii2");

        failure.Kind.Should().Be(FailureKind.Tls);
        failure.Line.Should().Contain("TAXII2_CA_PATH (taxii2.ca_path)").And.Contain("TAXII2_VERIFY_SSL (taxii2.verify_ssl)");
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public void Explain_Taxii401Or403_NeedsAPersonAndNamesTheCredentials(HttpStatusCode status)
    {
        var failure = FailureExplainer.Explain(new TaxiiRequestException(new Uri("https://taxii.example/api1/collections/"), status, null, null), "taxii2");

        failure.Kind.Should().Be(FailureKind.Authentication);
        failure.NeedsOperator.Should().BeTrue();
        failure.Line.Should().Contain(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Contain("TAXII2_PASSWORD (taxii2.password)");
    }

    [Fact]
    public void Explain_OpenCtiUnreachable_MasksThePasswordOfTheUrlAndNamesOpenCtiUrl()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (opencti:8080)", new SocketException((int)SocketError.ConnectionRefused));
        var failure = FailureExplainer.Explain(new OpenCtiUnavailableException("OpenCTI API is not reachable at http://admin:platform-password@opencti:8080/: " + refused.Message, refused));

        failure.Kind.Should().Be(FailureKind.ConnectionRefused);
        failure.Line.Should().NotContain("platform-password").And.Contain("http://admin:********@opencti:8080/").And.Contain("OPENCTI_URL (opencti.url)");
    }

    [Fact]
    public void Explain_OpenCtiRefusedToken_IsOneLineWithoutRepeatingTheFix()
    {
        var failure = FailureExplainer.Explain(new OpenCtiUnavailableException("OpenCTI at http://opencti:8080/ refused the token (HTTP 401): check OPENCTI_TOKEN (opencti.token).",
            new OpenCtiHttpException("about", HttpStatusCode.Unauthorized, null)));

        failure.Kind.Should().Be(FailureKind.Authentication);
        failure.Line.Should().Be("OpenCTI at http://opencti:8080/ refused the token (HTTP 401): check OPENCTI_TOKEN (opencti.token)");
    }

    [Fact]
    public void Explain_SelectionProblem_IsAConfigurationErrorKeptAsWritten()
    {
        var failure = FailureExplainer.Explain(new SourceConfigurationException("TAXII2_COLLECTIONS (taxii2.collections) entry 'x' matches no collection.\nAvailable: a.b"), "taxii2");

        failure.Kind.Should().Be(FailureKind.Configuration);
        failure.NeedsOperator.Should().BeTrue();
        failure.Line.Should().Be("TAXII2_COLLECTIONS (taxii2.collections) entry 'x' matches no collection. Available: a.b");
    }
}
