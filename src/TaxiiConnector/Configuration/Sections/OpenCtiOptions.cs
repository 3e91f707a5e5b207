using TaxiiConnector.Configuration.Declarations;
using TaxiiConnector.OpenCti;

namespace TaxiiConnector.Configuration.Sections;

/// <summary>The OpenCTI platform (<c>opencti.*</c>, <c>OPENCTI_*</c>).</summary>
public sealed class OpenCtiOptions() : ConfigSection<OpenCtiOptions>("opencti")
{
    [Setting("url", "The OpenCTI platform URL. Required, except for run --dry-run and demo.", Python = true), Configures<OpenCtiClientOptions>] public Uri? Url { get; set; }

    [Setting("token", "An OpenCTI API token (the connector's user). Required with url.", Python = true), Secret, Configures<OpenCtiClientOptions>] public string? Token { get; set; }

    [Setting("ssl_verify", "Verify the platform's TLS certificate (pycti's default is false; ours is true).", Python = true), Configures<OpenCtiClientOptions>] public bool SslVerify { get; set; } = true;

    [Setting("custom_headers", "Extra HTTP headers for the platform, written h1:v1;h2:v2.", Python = true), Secret, ParsedWith(typeof(HeaderListParser))] public IReadOnlyList<KeyValuePair<string, string>> CustomHeaders { get; set; } = [];

    protected override void Check(ConfigValidationContext context)
    {
        if (context.Invocation.WithoutPlatform)
        {
            return;
        }

        if (context.Reader.GetRawValue(Key(nameof(Url))) is null)
        {
            context.AddProblem(Key(nameof(Url)), "is required (or use run --dry-run to write bundles to a directory)");
        }

        if (Token is null)
        {
            context.AddProblem(Key(nameof(Token)), "is required to talk to the OpenCTI platform");
        }
    }

    /// <summary><c>custom_headers</c>: <c>name:value</c> pairs separated by semicolons.</summary>
    private sealed class HeaderListParser : ISettingParser
    {
        public object? Parse(ConfigSectionReader reader, ConfigKey key)
        {
            var raw = reader.GetString(key);
            if (raw is null)
            {
                return null;
            }

            var headers = new List<KeyValuePair<string, string>>();
            foreach (var pair in raw.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    // The pair may carry a secret: name its position, not its text.
                    reader.AddProblem(key, $"item {headers.Count + 1} is not a name:value header");
                    return null;
                }

                headers.Add(new KeyValuePair<string, string>(pair[..colon].Trim(), pair[(colon + 1)..].Trim()));
            }

            return headers;
        }

        public string Format(object? value) =>
            value is IEnumerable<KeyValuePair<string, string>> headers
                ? string.Join(';', headers.Select(header => $"{header.Key}:{header.Value}"))
                : string.Empty;
    }
}
