using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace TaxiiConnector.Configuration;

/// <summary>
/// Reads typed values for <see cref="ConfigKey"/>s from the merged configuration (config.yml, then environment) and
/// collects one <see cref="ConfigProblem"/> per unreadable value instead of throwing, so a user sees every mistake at
/// once. An unset key yields its documented default; an empty value counts as unset (compose files often write
/// <c>TAXII2_CERT_PATH=</c>). A secret's value is never quoted in a problem.
/// </summary>
public sealed class ConfigSectionReader
{
    private static readonly char[] ListSeparator = [','];
    private readonly List<ConfigProblem> _problems = [];

    public ConfigSectionReader(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Configuration = configuration;
    }

    public IConfiguration Configuration { get; }

    public IReadOnlyList<ConfigProblem> Problems => _problems;

    public void AddProblem(ConfigKey? key, string message) => _problems.Add(new ConfigProblem(key, message));

    /// <summary>The value as written (environment or file, aliases included), or null when unset or blank.</summary>
    public string? GetRawValue(ConfigKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var value = Configuration[key.ConfigurationPath];
        if (string.IsNullOrWhiteSpace(value))
        {
            foreach (var alias in key.YamlAliases)
            {
                value = Configuration[$"{key.Section}:{alias}"];
                if (!string.IsNullOrWhiteSpace(value))
                {
                    break;
                }
            }
        }

        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    public bool IsSet(ConfigKey key) => GetRawValue(key) is not null || (key.IsStructured && GetSection(key).GetChildren().Any());

    /// <summary>The trimmed value, or the default; null when both are empty.</summary>
    public string? GetString(ConfigKey key)
    {
        var value = (GetRawValue(key) ?? key.DefaultValue).Trim();
        return value.Length == 0 ? null : value;
    }

    public bool GetBool(ConfigKey key)
    {
        var raw = GetRawValue(key);
        if (raw is not null)
        {
            if (TryParseBool(raw, out var value))
            {
                return value;
            }

            AddProblem(key, $"{Quote(key, raw)} is not a boolean (use true/false, yes/no or 1/0)");
        }

        return TryParseBool(key.DefaultValue, out var fallback) && fallback;
    }

    /// <summary>An integer that may be left unset (no default): null when unset or unreadable.</summary>
    public int? GetOptionalInt(ConfigKey key, int min = int.MinValue, int max = int.MaxValue) =>
        (int?)GetOptionalLong(key, min, max);

    /// <summary>A whole number that may be left unset: null when unset or unreadable.</summary>
    public long? GetOptionalLong(ConfigKey key, long min = long.MinValue, long max = long.MaxValue)
    {
        var raw = GetRawValue(key) ?? (key.DefaultValue.Length == 0 ? null : key.DefaultValue);
        if (raw is null)
        {
            return null;
        }

        if (!long.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            AddProblem(key, $"{Quote(key, raw)} is not a whole number");
            return null;
        }

        if (value < min || value > max)
        {
            AddProblem(key, $"{Quote(key, raw)} is out of range ({Describe(min, max)})");
            return null;
        }

        return value;
    }

    /// <summary>
    /// A comma-separated list (or a YAML sequence), items trimmed, empty items dropped. An empty list means "off": the
    /// Python connector turns <c>""</c> into <c>[""]</c>, which matches everything.
    /// </summary>
    public IReadOnlyList<string> GetList(ConfigKey key)
    {
        var raw = GetRawValue(key);
        if (raw is null)
        {
            var sequence = GetSection(key).GetChildren().Select(child => child.Value).ToList();
            if (sequence.Count > 0)
            {
                return [.. sequence.Where(item => !string.IsNullOrWhiteSpace(item)).Select(item => item!.Trim())];
            }

            raw = key.DefaultValue;
        }

        return SplitList(raw);
    }

    public static IReadOnlyList<string> SplitList(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : value.Split(ListSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>An absolute http(s) URL, or null when unset. A bad value is a problem.</summary>
    public Uri? GetUri(ConfigKey key)
    {
        var text = GetString(key);
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        AddProblem(key, $"{Quote(key, text)} is not an absolute http:// or https:// URL");
        return null;
    }

    /// <summary>
    /// A path to a file that must exist (certificates, keys, CA bundles), or null when unset. Checked at start so a
    /// mistyped path is a configuration problem, not a TLS error on the first request.
    /// </summary>
    public string? GetFilePath(ConfigKey key)
    {
        var path = GetString(key);
        if (path is not null && !File.Exists(path))
        {
            AddProblem(key, $"the file '{path}' does not exist");
        }

        return path;
    }

    /// <summary>An ISO-8601 duration (<c>PT60M</c>, <c>PT1H30M</c>, <c>P1D</c>, <c>PT30S</c>), or null when unset.</summary>
    public TimeSpan? GetDuration(ConfigKey key, bool allowZero = false)
    {
        var text = GetString(key);
        if (text is null)
        {
            return null;
        }

        if (!IsoDuration.TryParse(text, out var duration))
        {
            AddProblem(key, IsoDuration.CalendarUnit(text) is { } unit
                ? $"{Quote(key, text)}: {unit} are not allowed (their length depends on the calendar); use days or weeks, for example P30D or P4W"
                : $"{Quote(key, text)} is not an ISO-8601 duration (for example PT60M, PT1H30M, P1D, PT30S)");
            return null;
        }

        if (duration == TimeSpan.Zero && !allowZero)
        {
            AddProblem(key, $"{Quote(key, text)} must be longer than zero");
            return null;
        }

        return duration;
    }

    /// <summary>One of <paramref name="allowed"/> (case-insensitive), returned as written in <paramref name="allowed"/>.</summary>
    public string? GetChoice(ConfigKey key, params string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var text = GetString(key);
        if (text is null)
        {
            return null;
        }

        var match = Array.Find(allowed, candidate => string.Equals(candidate, text, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            AddProblem(key, $"{Quote(key, text)} is not one of: {string.Join(", ", allowed)}");
        }

        return match;
    }

    /// <summary>The raw subtree of a structured key (for example a list of collections with their own fields).</summary>
    public IConfigurationSection GetSection(ConfigKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Configuration.GetSection(key.ConfigurationPath);
    }

    public static bool TryParseBool(string? text, out bool value)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "TRUE" or "YES" or "1":
                value = true;
                return true;
            case "FALSE" or "NO" or "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private static string Quote(ConfigKey key, string value)
    {
        if (key.IsSecret)
        {
            return "the value";
        }

        // A URL may carry credentials (https://user:password@host/): they stay out of the message.
        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        var at = scheme < 0 ? -1 : value.IndexOf('@', scheme + 3);
        return at < 0 ? $"'{value}'" : $"'{value[..(scheme + 3)]}********{value[at..]}'";
    }

    private static string Describe(long min, long max) => (min, max) switch
    {
        (long.MinValue, _) => $"at most {max}",
        (_, long.MaxValue) or (_, int.MaxValue) => $"at least {min}",
        _ => $"{min} to {max}",
    };
}
