using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaxiiConnector.Configuration.Declarations;
using TaxiiConnector.Configuration.Sections;
using TaxiiConnector.Observability;
using TaxiiConnector.Server.Push;

namespace TaxiiConnector.Sources.TaxiiPush;

/// <summary>
/// Configures the push server from the <c>taxii_push</c> section: every value is the section's (its spool under
/// <c>connector.data_dir</c> when <c>spool_path</c> is unset), so the server keeps no default of its own. The TLS
/// certificate is loaded here, when the endpoint first asks for its options at start.
/// </summary>
internal sealed class TaxiiPushHostOptionsSetup : IConfigureOptions<TaxiiPushHostOptions>
{
    private readonly TaxiiPushOptions _section;
    private readonly ConnectorOptions _connector;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _timeProvider;
    private readonly ConnectorMetrics? _metrics;

    public TaxiiPushHostOptionsSetup(
        IOptions<TaxiiPushOptions> section, IOptions<ConnectorOptions> connector, ILoggerFactory loggerFactory, TimeProvider timeProvider, ConnectorMetrics? metrics = null)
    {
        _section = section.Value;
        _connector = connector.Value;
        _loggerFactory = loggerFactory;
        _timeProvider = timeProvider;
        _metrics = metrics;
    }

    public void Configure(TaxiiPushHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsMapping.Of<TaxiiPushOptions, TaxiiPushHostOptions>().Copy(_section, options);
        options.ListenAddress = _section.ListenAddress;
        options.Port = _section.ListenPort;
        options.SpoolDirectory = Path.GetFullPath(_section.SpoolDirectory(_connector));
        options.EnvelopeObserved = _metrics is null ? null : _metrics.PushEnvelope;
        options.Certificate = _section.CertPath is null
            ? null
            : TaxiiPushCertificates.Load(_section.CertPath, _section.CertIsPfx ? _section.CertPassword : _section.KeyPath);
        options.Collections = [.. _section.Collections.Select(collection => new TaxiiPushCollection(collection.Id, collection.Title)
        {
            Description = collection.Description,
            AuthorName = collection.AuthorName ?? (_section.Transform.CreateAuthor ? _section.Transform.AuthorName : null),
            AuthorReliability = collection.AuthorReliability ?? _section.Transform.AuthorReliability,
            CopyConfidenceToScore = collection.CopyConfidenceToScore ?? _section.CopyConfidenceToScore,
        })];
        options.Users = [.. _section.Users.Select(user => new TaxiiPushUser(user.Name)
        {
            Password = user.Password,
            BearerToken = user.BearerToken,
            Collections = user.Collections,
        })];
        options.LoggerFactory = _loggerFactory;
        options.TimeProvider = _timeProvider;
    }
}
