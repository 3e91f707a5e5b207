using Microsoft.Extensions.Logging;
using TaxiiConnector.Server.Push;
using ServerPushOptions = TaxiiConnector.Server.Push.TaxiiPushHostOptions;

namespace TaxiiConnector.Sources.TaxiiPush;

/// <summary>Maps the <c>taxii_push</c> section to the push server's options (and loads the TLS certificate).</summary>
internal static class PushServerSettings
{
    public static ServerPushOptions Create(
        TaxiiPushOptions section, ILoggerFactory loggerFactory, TimeProvider timeProvider, Action<string, bool>? envelopeObserved = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new ServerPushOptions
        {
            ApiRoot = section.ApiRoot,
            Title = section.Title,
            ApiRootTitle = section.ApiRootTitle,
            ListenAddress = section.ListenAddress,
            Port = section.ListenPort,
            MaxContentLength = section.MaxContentLength,
            SpoolDirectory = Path.GetFullPath(section.SpoolPath),
            EnvelopeObserved = envelopeObserved,
            Certificate = section.CertPath is null
                ? null
                : TaxiiPushCertificates.Load(section.CertPath, IsPfx(section.CertPath) ? section.CertPassword : section.KeyPath),
            Collections = [.. section.Collections.Select(collection => new TaxiiPushCollection(collection.Id, collection.Title)
            {
                Description = collection.Description,
                AuthorName = collection.AuthorName ?? (section.Transform.CreateAuthor ? section.Transform.AuthorName : null),
                AuthorReliability = collection.AuthorReliability ?? section.Transform.AuthorReliability,
                CopyConfidenceToScore = collection.CopyConfidenceToScore ?? section.CopyConfidenceToScore,
            })],
            Users = [.. section.Users.Select(user => new TaxiiPushUser(user.Name)
            {
                Password = user.Password,
                BearerToken = user.BearerToken,
                Collections = user.Collections,
            })],
            LoggerFactory = loggerFactory,
            TimeProvider = timeProvider,
        };
    }

    private static bool IsPfx(string path) =>
        path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);
}
