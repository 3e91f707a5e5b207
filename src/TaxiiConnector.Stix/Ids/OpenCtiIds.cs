namespace TaxiiConnector.Stix.Ids;

/// <summary>
/// The deterministic STIX ids OpenCTI computes itself (pycti <c>generate_id</c>): UUIDv5 in OpenCTI's namespace over the
/// canonical JSON of the object's key fields. Using the platform's own ids makes re-imports upserts, never duplicates.
/// </summary>
public static class OpenCtiIds
{
    /// <summary>OpenCTI's UUIDv5 namespace.</summary>
    public static readonly Guid Namespace = new("00abedb4-aa42-466c-9c01-fed23315a9b7");

    /// <summary><c>identity--uuid5({"identity_class":class,"name":lower(trim(name))})</c>.</summary>
    public static string Identity(string name, string identityClass = "organization")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(identityClass);
        var canonical = CanonicalJson.Serialize(
            new("identity_class", identityClass.ToLowerInvariant()),
            new("name", name.Trim().ToLowerInvariant()));
        return "identity--" + UuidV5.Create(Namespace, canonical).ToString("D");
    }

    /// <summary>
    /// <c>note--uuid5({"content":trim(content)})</c>: pycti's note id without a creation date, so the same content always
    /// gives the same note (a re-fetched indicator does not create a new note).
    /// </summary>
    public static string Note(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var canonical = CanonicalJson.Serialize(new KeyValuePair<string, string>("content", content.Trim()));
        return "note--" + UuidV5.Create(Namespace, canonical).ToString("D");
    }
}
