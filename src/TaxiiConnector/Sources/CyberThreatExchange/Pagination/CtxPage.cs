using System.Text.Json;

namespace TaxiiConnector.Sources.CyberThreatExchange.Pagination;

/// <summary>
/// One non-empty page of a listing, backed by its parsed response. <see cref="ResumeCursor"/> is the value the
/// server gave for the next page's cursor parameter (null when it paginates by page number or by a URL without one);
/// <see cref="IsLast"/> is true when the server said nothing follows. Dispose after use.
/// </summary>
internal sealed class CtxPage : IDisposable
{
    private readonly JsonDocument _document;

    public CtxPage(int number, JsonDocument document, IReadOnlyList<JsonElement> items, string? resumeCursor, bool isLast, DateTimeOffset? serverDate)
    {
        Number = number;
        _document = document;
        Items = items;
        ResumeCursor = resumeCursor;
        IsLast = isLast;
        ServerDate = serverDate;
    }

    public int Number { get; }

    public IReadOnlyList<JsonElement> Items { get; }

    public string? ResumeCursor { get; }

    public bool IsLast { get; }

    /// <summary>The response's <c>Date</c> header: the server's clock when it answered.</summary>
    public DateTimeOffset? ServerDate { get; }

    /// <summary>Hands the document's lifetime to someone else (a <c>SourcePage</c>).</summary>
    public IDisposable Owner => _document;

    public void Dispose() => _document.Dispose();
}
