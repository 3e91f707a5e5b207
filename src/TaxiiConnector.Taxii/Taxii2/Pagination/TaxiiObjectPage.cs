using System.Text.Json;

namespace TaxiiConnector.Taxii.Taxii2.Pagination;

/// <summary>
/// One page of objects exactly as the server sent it, backed by the page's <see cref="JsonDocument"/> (parsed from the
/// response, in a pooled buffer when the body was read whole first). <see cref="Objects"/> is valid until the page is disposed; dispose it once it was pushed.
/// </summary>
public sealed class TaxiiObjectPage : IDisposable
{
    private readonly IDisposable? _body;

    internal TaxiiObjectPage(
        int number,
        IDisposable? body,
        IReadOnlyList<JsonElement> objects,
        bool more,
        string? next,
        string? dateAddedFirst,
        string? dateAddedLast,
        string? newestDateAdded,
        string? resumeAddedAfter,
        Uri requestUrl)
    {
        Number = number;
        _body = body;
        Objects = objects;
        More = more;
        Next = next;
        DateAddedFirst = dateAddedFirst;
        DateAddedLast = dateAddedLast;
        NewestDateAdded = newestDateAdded;
        ResumeAddedAfter = resumeAddedAfter;
        RequestUrl = requestUrl;
    }

    /// <summary>1-based page number within this read of the collection.</summary>
    public int Number { get; }

    /// <summary>The STIX objects of the page (possibly none). Valid until <see cref="Dispose"/>.</summary>
    public IReadOnlyList<JsonElement> Objects { get; }

    /// <summary>2.1 envelope <c>more</c> (absent = false); 2.0: whether another <c>Range</c> is going to be asked for.</summary>
    public bool More { get; }

    /// <summary>2.1 envelope <c>next</c>, as received (opaque).</summary>
    public string? Next { get; }

    /// <summary>The <c>X-TAXII-Date-Added-First</c> header, raw, as received (null when absent).</summary>
    public string? DateAddedFirst { get; }

    /// <summary>The <c>X-TAXII-Date-Added-Last</c> header, raw, as received (null when absent).</summary>
    public string? DateAddedLast { get; }

    /// <summary>
    /// The newest <c>date_added</c> this read has seen so far (a valid <c>X-TAXII-Date-Added-Last</c>, or a
    /// <c>date_added</c> property some servers put on objects), raw as received; null if the server gave none.
    /// </summary>
    public string? NewestDateAdded { get; }

    /// <summary>
    /// The <c>added_after</c> a caller may commit once this page (and every page before it) was pushed: the newest
    /// server-supplied <c>date_added</c> seen so far, sent back exactly as received. When the server supplies none, the
    /// query's <c>added_after</c> (the cursor does not move rather than skip anything). Never the local clock.
    /// </summary>
    public string? ResumeAddedAfter { get; }

    /// <summary>The URL this page was read from (for logs; it carries no secrets).</summary>
    public Uri RequestUrl { get; }

    public void Dispose() => _body?.Dispose();
}
