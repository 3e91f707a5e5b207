namespace TaxiiConnector.Configuration.Sections;

/// <summary>The OpenCTI platform (<c>opencti.*</c>, <c>OPENCTI_*</c>).</summary>
public sealed class OpenCtiOptions : IConfigSection<OpenCtiOptions>
{
    public const string Section = "opencti";

    public static readonly ConfigKey UrlKey = new(Section, "url", "", "The OpenCTI platform URL. Required, except for run --dry-run and demo.") { IsPythonKey = true };
    public static readonly ConfigKey TokenKey = new(Section, "token", "", "An OpenCTI API token (the connector's user). Required with url.") { IsPythonKey = true, IsSecret = true };
    public static readonly ConfigKey SslVerifyKey = new(Section, "ssl_verify", "true", "Verify the platform's TLS certificate (pycti's default is false; ours is true).") { IsPythonKey = true };
    public static readonly ConfigKey CustomHeadersKey = new(Section, "custom_headers", "", "Extra HTTP headers for the platform, written h1:v1;h2:v2.") { IsPythonKey = true, IsSecret = true };

    public static string SectionName => Section;

    public static IReadOnlyList<ConfigKey> Keys { get; } = [UrlKey, TokenKey, SslVerifyKey, CustomHeadersKey];

    public Uri? Url { get; set; }

    public string? Token { get; set; }

    public bool SslVerify { get; set; } = true;

    public IReadOnlyList<KeyValuePair<string, string>> CustomHeaders { get; set; } = [];

    public void Read(ConfigSectionReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Url = reader.GetUri(UrlKey);
        Token = reader.GetString(TokenKey);
        SslVerify = reader.GetBool(SslVerifyKey);
        CustomHeaders = ReadHeaders(reader);
    }

    public void Validate(ConfigValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Invocation.WithoutPlatform)
        {
            return;
        }

        if (context.Reader.GetRawValue(UrlKey) is null)
        {
            context.AddProblem(UrlKey, "is required (or use run --dry-run to write bundles to a directory)");
        }

        if (Token is null)
        {
            context.AddProblem(TokenKey, "is required to talk to the OpenCTI platform");
        }
    }

    private static IReadOnlyList<KeyValuePair<string, string>> ReadHeaders(ConfigSectionReader reader)
    {
        var raw = reader.GetString(CustomHeadersKey);
        if (raw is null)
        {
            return [];
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var pair in raw.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                // The pair may carry a secret: name its position, not its text.
                reader.AddProblem(CustomHeadersKey, $"item {headers.Count + 1} is not a name:value header");
                return [];
            }

            headers.Add(new KeyValuePair<string, string>(pair[..colon].Trim(), pair[(colon + 1)..].Trim()));
        }

        return headers;
    }
}
