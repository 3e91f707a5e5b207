using Microsoft.Extensions.Configuration;
using TaxiiConnector.Configuration;
using TaxiiConnector.Configuration.Declarations;

namespace TaxiiConnector.Sources.TaxiiPush;

/// <summary>
/// Reads <c>taxii_push.collections</c>: a YAML list of maps (<c>id</c>, <c>title</c>, <c>description</c>, <c>author_name</c>,
/// <c>author_reliability</c>, <c>copy_confidence_to_score</c>), or the compact form of the environment,
/// <c>TAXII_PUSH_COLLECTIONS=id1:Title One,id2:Title Two</c> (the title is optional and defaults to the id). Each
/// unreadable entry is one problem naming the variable, the key and the entry's position.
/// </summary>
internal sealed class PushCollectionsReader : ISettingParser
{
    private static readonly string[] Fields = ["id", "title", "description", "author_name", "author_reliability", "copy_confidence_to_score"];

    public object? Parse(ConfigSectionReader reader, ConfigKey key) => Read(reader, key);

    /// <summary>Empty: the default is no entry.</summary>
    public string Format(object? value) => string.Empty;

    public static IReadOnlyList<PushCollectionSetting> Read(ConfigSectionReader reader, ConfigKey key)
    {
        var collections = new List<PushCollectionSetting>();
        var raw = reader.GetRawValue(key);
        if (raw is not null)
        {
            var position = 0;
            foreach (var item in ConfigSectionReader.SplitList(raw))
            {
                position++;
                AddCompact(reader, key, item, position, collections);
            }

            return collections;
        }

        var entries = reader.GetSection(key).GetChildren().ToList();
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = entries[index];
            if (entry.Value is { } scalar)
            {
                AddCompact(reader, key, scalar.Trim(), index + 1, collections);
                continue;
            }

            var unknown = entry.GetChildren().Select(child => child.Key).Where(name => !Fields.Contains(name, StringComparer.OrdinalIgnoreCase)).ToList();
            if (unknown.Count > 0)
            {
                reader.AddProblem(key, $"entry {index + 1}: unknown field(s) {string.Join(", ", unknown)} (known: {string.Join(", ", Fields)})");
            }

            var id = Text(entry, "id");
            if (id is null)
            {
                reader.AddProblem(key, $"entry {index + 1}: 'id' is required");
                continue;
            }

            bool? copyConfidence = null;
            if (Text(entry, "copy_confidence_to_score") is { } copy)
            {
                if (ConfigSectionReader.TryParseBool(copy, out var parsed))
                {
                    copyConfidence = parsed;
                }
                else
                {
                    reader.AddProblem(key, $"entry {index + 1} ('{id}'): copy_confidence_to_score '{copy}' is not a boolean (use true/false, yes/no or 1/0)");
                }
            }

            collections.Add(new PushCollectionSetting(id, Text(entry, "title") ?? id)
            {
                Description = Text(entry, "description"),
                AuthorName = Text(entry, "author_name"),
                AuthorReliability = Text(entry, "author_reliability"),
                CopyConfidenceToScore = copyConfidence,
            });
        }

        return collections;
    }

    private static void AddCompact(ConfigSectionReader reader, ConfigKey key, string item, int position, List<PushCollectionSetting> collections)
    {
        var colon = item.IndexOf(':', StringComparison.Ordinal);
        var id = (colon < 0 ? item : item[..colon]).Trim();
        var title = colon < 0 ? string.Empty : item[(colon + 1)..].Trim();
        if (id.Length == 0)
        {
            reader.AddProblem(key, $"entry {position} ('{item}'): the collection id before ':' is missing (write id:Title)");
            return;
        }

        collections.Add(new PushCollectionSetting(id, title.Length == 0 ? id : title));
    }

    private static string? Text(IConfigurationSection entry, string field)
    {
        var value = entry[field];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
