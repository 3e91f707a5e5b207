using Microsoft.Extensions.Configuration;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Declarations;

namespace TaxiiConnector.Sources.TaxiiPush;

/// <summary>
/// Reads <c>taxii_push.users</c>: a YAML list of maps (<c>name</c>, <c>password</c> or <c>token</c>, <c>collections</c> as a list
/// or <c>id1|id2</c>), or the compact form of the environment, comma-separated entries of
/// <c>NAME:PASSWORD@COLLECTIONS</c> (HTTP Basic) or <c>token:TOKEN@COLLECTIONS</c> (bearer; the user is named
/// <c>token-N</c>, N its position), COLLECTIONS being <c>id1|id2</c> or <c>*</c>. The name ends at the first <c>:</c> and
/// the secret at the last <c>@</c>, so a password may hold <c>:</c> and <c>@</c>, not <c>,</c> (use YAML for that).
/// Problems name the entry by position and user name, never by its secret.
/// </summary>
internal sealed class PushUsersReader : ISettingParser
{
    public const string TokenPrefix = "token";

    private static readonly string[] Fields = ["name", "password", "token", "collections"];

    public object? Parse(ConfigSectionReader reader, ConfigKey key) => Read(reader, key);

    /// <summary>Empty: the default is no entry.</summary>
    public string Format(object? value) => string.Empty;

    public static IReadOnlyList<PushUserSetting> Read(ConfigSectionReader reader, ConfigKey key)
    {
        var users = new List<PushUserSetting>();
        var raw = reader.GetRawValue(key);
        if (raw is not null)
        {
            var position = 0;
            foreach (var item in raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                position++;
                AddCompact(reader, key, item, position, users);
            }

            return users;
        }

        var entries = reader.GetSection(key).GetChildren().ToList();
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = entries[index];
            if (entry.Value is { } scalar)
            {
                AddCompact(reader, key, scalar.Trim(), index + 1, users);
                continue;
            }

            AddMap(reader, key, entry, index + 1, users);
        }

        return users;
    }

    private static void AddCompact(ConfigSectionReader reader, ConfigKey key, string item, int position, List<PushUserSetting> users)
    {
        var colon = item.IndexOf(':', StringComparison.Ordinal);
        var at = item.LastIndexOf('@');
        var name = colon < 0 ? item : item[..colon].Trim();
        var described = $"entry {position}" + (colon > 0 && !name.Equals(TokenPrefix, StringComparison.OrdinalIgnoreCase) ? $" ('{name}')" : string.Empty);
        if (colon <= 0 || at < colon)
        {
            reader.AddProblem(key, $"{described}: expected NAME:PASSWORD@COLLECTIONS or token:TOKEN@COLLECTIONS (COLLECTIONS = id1|id2 or *)");
            return;
        }

        var secret = item[(colon + 1)..at];
        var collections = SplitCollections(item[(at + 1)..]);
        if (secret.Length == 0)
        {
            reader.AddProblem(key, $"{described}: the {(name.Equals(TokenPrefix, StringComparison.OrdinalIgnoreCase) ? "token" : "password")} is empty");
            return;
        }

        if (collections.Count == 0)
        {
            reader.AddProblem(key, $"{described}: no collection after '@' (write id1|id2, or * for every collection)");
            return;
        }

        users.Add(name.Equals(TokenPrefix, StringComparison.OrdinalIgnoreCase)
            ? new PushUserSetting($"{TokenPrefix}-{position}", collections) { BearerToken = secret }
            : new PushUserSetting(name, collections) { Password = secret });
    }

    private static void AddMap(ConfigSectionReader reader, ConfigKey key, IConfigurationSection entry, int position, List<PushUserSetting> users)
    {
        var unknown = entry.GetChildren().Select(child => child.Key).Where(field => !Fields.Contains(field, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            reader.AddProblem(key, $"entry {position}: unknown field(s) {string.Join(", ", unknown)} (known: {string.Join(", ", Fields)})");
        }

        var name = Text(entry, "name");
        var described = $"entry {position}" + (name is null ? string.Empty : $" ('{name}')");
        var password = Secret(entry, "password");
        var token = Secret(entry, "token");
        var collectionsSection = entry.GetSection("collections");
        IReadOnlyList<string> collections = collectionsSection.Value is { } inline
            ? SplitCollections(inline)
            : [.. collectionsSection.GetChildren().Select(child => child.Value?.Trim()).Where(id => !string.IsNullOrEmpty(id)).Select(id => id!)];
        if (name is null)
        {
            reader.AddProblem(key, $"{described}: 'name' is required");
            return;
        }

        if (password is null && token is null)
        {
            reader.AddProblem(key, $"{described}: needs a 'password' (HTTP Basic) or a 'token' (bearer)");
            return;
        }

        if (collections.Count == 0)
        {
            reader.AddProblem(key, $"{described}: 'collections' is empty (list the collection ids, or * for every collection)");
            return;
        }

        users.Add(new PushUserSetting(name, collections) { Password = password, BearerToken = token });
    }

    private static List<string> SplitCollections(string text) =>
        [.. text.Split(['|', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static string? Text(IConfigurationSection entry, string field)
    {
        var value = entry[field];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    // Secrets are taken as written: surrounding spaces may be part of them.
    private static string? Secret(IConfigurationSection entry, string field)
    {
        var value = entry[field];
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
