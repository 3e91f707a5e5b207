using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.RegularExpressions;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.OpenCti.GraphQL;
using TaxiiConnector.Sources;
using TaxiiConnector.Sources.CyberThreatExchange;
using TaxiiConnector.Sources.CyberThreatExchange.Http;
using TaxiiConnector.Sources.Taxii11;
using TaxiiConnector.Sources.Taxii2;
using TaxiiConnector.Taxii.Errors;
using TaxiiConnector.Taxii.Taxii1;

namespace TaxiiConnector.Logging;

/// <summary>What kind of cause a failure has; the kinds a person must fix make the connector not ready.</summary>
public enum FailureKind
{
    /// <summary>Anything else (a protocol error, a server error that outlived its retries).</summary>
    Other,

    /// <summary>The configuration selects something that does not exist or cannot be read.</summary>
    Configuration,

    /// <summary>HTTP 401 or 403, or the platform's own AUTH_REQUIRED / FORBIDDEN_ACCESS.</summary>
    Authentication,

    /// <summary>Nothing listens at the address (connection refused or unreachable).</summary>
    ConnectionRefused,

    /// <summary>The host name does not resolve.</summary>
    NameResolution,

    /// <summary>The TLS handshake failed (an untrusted certificate, or not TLS at all).</summary>
    Tls,

    /// <summary>No answer in time.</summary>
    Timeout,
}

/// <summary>One failure as an operator needs it: the cause and one line naming what failed, where, and what to change.</summary>
public sealed record FailureExplanation(FailureKind Kind, string Line)
{
    /// <summary>The cause does not go away by waiting: a setting or a credential must change.</summary>
    public bool NeedsOperator => Kind is FailureKind.Configuration or FailureKind.Authentication;
}

/// <summary>
/// Maps an exception to one operator line: the failure's own message (URL included, any user:password in it masked),
/// then the likely fix with the environment variable and YAML key to change. The exception's inner chain decides the
/// cause; the stack trace is for debug logging, never for this line.
/// </summary>
public static partial class FailureExplainer
{
    private static readonly Target OpenCti = new("OpenCTI", OpenCtiOptions.Key(nameof(OpenCtiOptions.Url)), new(OpenCtiOptions.Key(nameof(OpenCtiOptions.Token)).DisplayName, string.Empty),
        OpenCtiOptions.Key(nameof(OpenCtiOptions.SslVerify)).DisplayName);

    private static readonly Target Taxii2 = new("the TAXII server", Taxii2Options.Key(nameof(Taxii2Options.DiscoveryUrl)),
        new(Taxii2Options.Key(nameof(Taxii2Options.Username)).DisplayName,
            $" and {Taxii2Options.Key(nameof(Taxii2Options.Password)).DisplayName}, or {Taxii2Options.Key(nameof(Taxii2Options.Token)).DisplayName}, or {Taxii2Options.Key(nameof(Taxii2Options.ApiKeyValue)).DisplayName}"),
        $"{Taxii2Options.Key(nameof(Taxii2Options.CaPath)).DisplayName}, {Taxii2Options.Key(nameof(Taxii2Options.VerifySsl)).DisplayName}");

    private static readonly Target Taxii11 = new("the TAXII 1.1 server", Taxii11Options.Key(nameof(Taxii11Options.DiscoveryUrl)),
        new(Taxii11Options.Key(nameof(Taxii11Options.Username)).DisplayName, $" and {Taxii11Options.Key(nameof(Taxii11Options.Password)).DisplayName}"), Taxii11Options.Key(nameof(Taxii11Options.VerifySsl)).DisplayName);

    private static readonly Target CyberThreatExchange = new("Cyber Threat Exchange", CyberThreatExchangeOptions.Key(nameof(CyberThreatExchangeOptions.BaseUrl)),
        new(CyberThreatExchangeOptions.Key(nameof(CyberThreatExchangeOptions.ApiKey)).DisplayName, string.Empty),
        CyberThreatExchangeOptions.Key(nameof(CyberThreatExchangeOptions.BaseUrl)).DisplayName);

    /// <summary>Explains <paramref name="exception"/>; <paramref name="source"/> (a source's config section) says whose settings to name.</summary>
    public static FailureExplanation Explain(Exception exception, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var kind = Classify(exception);
        var message = OneLine(exception.Message).TrimEnd('.', ' ');
        var target = TargetOf(exception, source);
        var fix = target is null ? null : FixFor(kind, target);
        var line = fix is null || message.Contains(fix.Setting, StringComparison.Ordinal) ? message : $"{message}. Likely fix: {fix.Text}";
        return new FailureExplanation(kind, line);
    }

    /// <summary>The cause, from the first exception in the chain that says it.</summary>
    public static FailureKind Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var current = exception; current is not null; current = current.InnerException)
        {
            var kind = current switch
            {
                SourceConfigurationException => FailureKind.Configuration,
                Taxii1Exception { Kind: Taxii1ErrorKind.Configuration } => FailureKind.Configuration,
                Taxii1Exception { Kind: Taxii1ErrorKind.Authentication or Taxii1ErrorKind.Permission } => FailureKind.Authentication,
                TaxiiRequestException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } => FailureKind.Authentication,
                CtxAccessDeniedException => FailureKind.Authentication,
                OpenCtiHttpException { IsAuthenticationError: true } => FailureKind.Authentication,
                OpenCtiGraphQLException { IsAuthenticationError: true } => FailureKind.Authentication,
                HttpRequestException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } => FailureKind.Authentication,
                HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => FailureKind.NameResolution,
                HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => FailureKind.Tls,
                AuthenticationException => FailureKind.Tls,
                SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData } => FailureKind.NameResolution,
                SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable }
                    => FailureKind.ConnectionRefused,
                TimeoutException or Polly.Timeout.TimeoutRejectedException => FailureKind.Timeout,
                _ => FailureKind.Other,
            };
            if (kind != FailureKind.Other)
            {
                return kind;
            }
        }

        return FailureKind.Other;
    }

    /// <summary>Collapses line breaks and masks the password of any <c>scheme://user:password@host</c> URL.</summary>
    public static string OneLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var single = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return UserInfo().Replace(single, "://${user}:********@");
    }

    private static Target? TargetOf(Exception exception, string? source)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current.GetType().Namespace?.StartsWith("TaxiiConnector.OpenCti", StringComparison.Ordinal) == true)
            {
                return OpenCti;
            }
        }

        return source switch
        {
            _ when string.Equals(source, Taxii2Options.SectionName, StringComparison.Ordinal) => Taxii2,
            _ when string.Equals(source, Taxii11Options.SectionName, StringComparison.Ordinal) => Taxii11,
            _ when string.Equals(source, CyberThreatExchangeOptions.SectionName, StringComparison.Ordinal) => CyberThreatExchange,
            _ => null,
        };
    }

    private static Fix? FixFor(FailureKind kind, Target target) => kind switch
    {
        FailureKind.Authentication => new(target.Credentials.Setting,
            $"{target.What} refused the credentials or they lack access: check {target.Credentials.Setting}{target.Credentials.More}"),
        FailureKind.ConnectionRefused => new(target.Url.DisplayName,
            $"nothing answers at that address: check that {target.What} is running and that {target.Url.DisplayName} points to it"),
        FailureKind.NameResolution => new(target.Url.DisplayName,
            $"the host name does not resolve: check the host in {target.Url.DisplayName} and this machine's DNS"),
        FailureKind.Tls => new(target.Url.DisplayName,
            $"the TLS handshake failed: check https/http in {target.Url.DisplayName} and trust of the server's certificate ({target.Tls})"),
        FailureKind.Timeout => new(target.Url.DisplayName,
            $"{target.What} did not answer in time: check {target.Url.DisplayName} and the network between them"),
        _ => null,
    };

    [GeneratedRegex(@"://(?<user>[^/:@\s]+):[^/@\s]+@")]
    private static partial Regex UserInfo();

    private sealed record Credentials(string Setting, string More);

    private sealed record Target(string What, ConfigKey Url, Credentials Credentials, string Tls);

    private sealed record Fix(string Setting, string Text);
}
