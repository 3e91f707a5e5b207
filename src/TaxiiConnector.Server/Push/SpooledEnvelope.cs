using System.Text.Json;

namespace TaxiiConnector.Server.Push;

/// <summary>An accepted envelope waiting on disk to be pushed. Read it with <see cref="ReadAsync"/>.</summary>
public sealed class SpooledEnvelope
{
    internal SpooledEnvelope(string statusId, string collectionId, string userName, DateTimeOffset requestTimestamp, IReadOnlyList<PushObjectRef> objects, string path)
    {
        StatusId = statusId;
        CollectionId = collectionId;
        UserName = userName;
        RequestTimestamp = requestTimestamp;
        Objects = objects;
        Path = path;
    }

    public string StatusId { get; }

    public string CollectionId { get; }

    /// <summary>The push user who sent it.</summary>
    public string UserName { get; }

    public DateTimeOffset RequestTimestamp { get; }

    /// <summary>The ids and versions of the envelope's objects, in order.</summary>
    public IReadOnlyList<PushObjectRef> Objects { get; }

    internal string Path { get; }

    /// <summary>Parses the spooled envelope; dispose the result once its objects were pushed.</summary>
    public async Task<SpooledEnvelopeContent> ReadAsync(CancellationToken cancellationToken)
    {
        var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using var streamDisposal = stream.ConfigureAwait(false);
        var document = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
        return new SpooledEnvelopeContent(document);
    }
}

/// <summary>The objects of a spooled envelope, backed by one <see cref="JsonDocument"/>.</summary>
public sealed class SpooledEnvelopeContent : IDisposable
{
    private readonly JsonDocument _document;

    internal SpooledEnvelopeContent(JsonDocument document)
    {
        _document = document;
        Objects = document.RootElement.GetProperty(TaxiiPushSpool.EnvelopeProperty).GetProperty("objects").EnumerateArray().ToList();
    }

    public IReadOnlyList<JsonElement> Objects { get; }

    public void Dispose() => _document.Dispose();
}
