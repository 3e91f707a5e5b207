using TaxiiConnector.Taxii.Taxii2;

namespace TaxiiConnector.Taxii.Tests.Taxii2;

public sealed class OptionsValidatorTests
{
    private static IEnumerable<string> Problems(Action<Taxii2ClientOptions> configure)
    {
        var options = Infrastructure.ClientDefaults.Apply(new Taxii2ClientOptions());
        configure(options);
        var result = new Taxii2ClientOptionsValidator().Validate("taxii2", options);
        return result.Failed ? result.Failures! : [];
    }

    [Fact]
    public void Validate_Defaults_AreValid() => Problems(_ => { }).Should().BeEmpty();

    [Fact]
    public void Validate_TokenOnWithoutToken_FailsWithoutEchoingSecrets()
    {
        Problems(o => (o.UseToken, o.Password) = (true, "hunter2")).Should().ContainSingle()
            .Which.Should().Contain("no token").And.NotContain("hunter2");
    }

    [Fact]
    public void Validate_SchemeWithSpace_Fails() =>
        Problems(o => (o.UseToken, o.Token, o.TokenScheme) = (true, "t", "Bearer x")).Should().ContainSingle().Which.Should().Contain("one word");

    [Fact]
    public void Validate_ApiKeyWithoutHeader_Fails() =>
        Problems(o => (o.UseApiKey, o.ApiKeyValue) = (true, "v")).Should().ContainSingle();

    [Fact]
    public void Validate_KeyWithoutCertificate_Fails() =>
        Problems(o => o.Tls.KeyPath = "/k.pem").Should().ContainSingle().Which.Should().Contain("without a client certificate");

    [Fact]
    public void Validate_BadLimits_EachReported() =>
        Problems(o =>
        {
            o.AttemptTimeout = TimeSpan.FromMinutes(5);
            o.TotalTimeout = TimeSpan.FromMinutes(1);
            o.MaxRetries = -1;
            o.MaxPages = 0;
            o.MaxResponseBytes = 0;
        }).Should().HaveCount(4);

    [Fact]
    public void Validate_TotalTimeoutOverADay_Fails() =>
        Problems(o => o.TotalTimeout = TimeSpan.FromDays(2)).Should().ContainSingle().Which.Should().Contain("one day");
}
