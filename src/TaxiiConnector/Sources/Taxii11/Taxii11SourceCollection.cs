using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using TaxiiConnector.Stix.Stix1;
using TaxiiConnector.Taxii.Taxii1;
using TaxiiConnector.Taxii.Taxii1.Polling;

namespace TaxiiConnector.Sources.Taxii11;

/// <summary>
/// One TAXII 1.1 collection, read window by window from its checkpoint.
/// <para>
/// Cursor and commit rule: the cursor is the end (inclusive) of the last window whose whole content was pushed, as a
/// TAXII timestamp. A window's content may span several pages (every <c>page_size</c> converted objects, across
/// Poll_Response parts). Every page but the window's last carries the window's <em>begin</em> (the checkpoint the
/// window started from), so committing it changes nothing; only the last page, yielded after the server's result
/// ended (<c>more="false"</c>, an empty fulfilment body, INVALID_RESPONSE_PART), carries the window's end. A window
/// with no content yields one empty page so its end is still committed. A crash or an error in the middle of a window
/// therefore re-polls the whole window on the next run (at-least-once: its first pages are pushed again, which the
/// deterministic ids turn into upserts), and never skips part of it. A window cut short by the part cap ends the
/// collection with an error and is not committed.
/// </para>
/// </summary>
internal sealed class Taxii11SourceCollection : ISourceCollection
{
    private readonly Taxii1Client _client;
    private readonly Stix1Converter _converter;
    private readonly Taxii1PollWindows _windows;
    private readonly Uri _pollUrl;
    private readonly string _name;
    private readonly int _pageSize;
    private readonly int _maxParts;
    private readonly ILogger _logger;
    private readonly HashSet<string> _reportedMarkings = new(StringComparer.Ordinal);

    public Taxii11SourceCollection(Taxii1Client client, Stix1Converter converter, Taxii1PollWindows windows, Uri pollUrl, string name,
        string stateKey, int pageSize, int maxParts, ILogger logger)
    {
        _client = client;
        _converter = converter;
        _windows = windows;
        _pollUrl = pollUrl;
        _name = name;
        _pageSize = pageSize;
        _maxParts = maxParts;
        _logger = logger;
        StateKey = stateKey;
    }

    public string StateKey { get; }

    public string DisplayName => _name;

    public Uri PollUrl => _pollUrl;

    public async IAsyncEnumerable<SourcePage> ReadPagesAsync(string? committedCursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        DateTimeOffset? checkpoint = null;
        if (committedCursor is not null)
        {
            if (!Taxii1Timestamp.TryParse(committedCursor, out var parsed))
            {
                throw new Taxii1Exception(Taxii1ErrorKind.Configuration, $"The saved cursor '{committedCursor}' of TAXII 1.1 collection '{_name}' is not a timestamp; remove it from the state to start over.");
            }

            checkpoint = parsed;
        }

        var number = 0;
        foreach (var window in _windows.Plan(checkpoint))
        {
            Log.PollingWindow(_logger, _name, window.ToString());
            var begin = Taxii1Timestamp.ToWire(window.ExclusiveBegin);
            var progress = new Taxii1PollProgress();
            var page = _converter.CreatePage();
            try
            {
                var request = new Taxii1PollRequest(_pollUrl, _name, window.ExclusiveBegin, window.InclusiveEnd);
                await foreach (var block in _client.PollAsync(request, progress, cancellationToken))
                {
                    Add(page, block);
                    if (page.ObjectCount >= _pageSize)
                    {
                        yield return Complete(page, ++number, begin);
                        page = _converter.CreatePage();
                    }
                }

                if (!progress.IsComplete)
                {
                    // What was read is pushed, but the window is not done: its end must not be committed.
                    yield return Complete(page, ++number, begin);
                    page = null;
                    throw new Taxii1Exception(
                        Taxii1ErrorKind.Protocol,
                        $"TAXII 1.1 collection '{_name}' still had more parts after {_maxParts} in window {window}; its checkpoint stays at {begin}. Raise {Taxii11Options.Key(nameof(Taxii11Options.MaxParts)).DisplayName} or lower {Taxii11Options.Key(nameof(Taxii11Options.MaxWindow)).DisplayName}.");
                }

                yield return Complete(page, ++number, Taxii1Timestamp.ToWire(window.InclusiveEnd));
                page = null;
            }
            finally
            {
                page?.Dispose();
            }

            Log.WindowDone(_logger, _name, window.ToString(), progress.Parts, progress.ContentBlocks);
        }
    }

    private void Add(Stix1Page page, Taxii1ContentBlock block)
    {
        if (block.Payload is not { } payload || payload.Name.LocalName is not ("STIX_Package" or "Indicator"))
        {
            page.Skip("content block is not a STIX 1 package");
            return;
        }

        page.AddPackage(payload);
    }

    private SourcePage Complete(Stix1Page page, int number, string cursorAfter)
    {
        var document = page.ToJsonDocument();
        if (page.SkippedCount > 0)
        {
            Log.IndicatorsSkipped(_logger, _name, page.SkippedCount, string.Join(", ", page.SkipReasons.Select(r => $"{r.Key}: {r.Value}")));
        }

        if (page.NotConverted.Count > 0)
        {
            Log.ElementsNotConverted(_logger, _name, page.NotConverted.Values.Sum(), string.Join(", ", page.NotConverted.Select(r => $"{r.Key}: {r.Value}")));
        }

        foreach (var marking in page.UnconvertibleMarkings)
        {
            if (_reportedMarkings.Add(marking))
            {
                Log.MarkingNotConverted(_logger, _name, marking);
            }
        }

        var objects = new List<JsonElement>(document.RootElement.GetArrayLength());
        foreach (var element in document.RootElement.EnumerateArray())
        {
            objects.Add(element);
        }

        page.Dispose();
        return new SourcePage(number, objects, cursorAfter, document, page.SkippedCount);
    }
}
