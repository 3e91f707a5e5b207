using System.Runtime.CompilerServices;
using System.Text.Json;
using TaxiiConnector.Sources;

namespace TaxiiConnector.Tests.Pipeline.Fakes;

/// <summary>
/// A collection of <c>pages × objectsPerPage</c> objects. Page i's cursor is <c>c{i}</c>; a read starting from
/// <c>c{k}</c> yields the pages after k, as a server would for <c>added_after</c>.
/// </summary>
internal sealed class FakeCollection : ISourceCollection
{
    private readonly int _pages;
    private readonly int _objectsPerPage;
    private int _yielded;
    private int _released;
    private int _failedReads;

    public FakeCollection(string name, int pages, int objectsPerPage = 3)
    {
        DisplayName = name;
        StateKey = "fake|" + name;
        _pages = pages;
        _objectsPerPage = objectsPerPage;
    }

    public string StateKey { get; }

    public string DisplayName { get; }

    /// <summary>Throws when this page is requested.</summary>
    public int? FailAtPage { get; init; }

    /// <summary>Object ids (by page) that are invalid (no <c>type</c>).</summary>
    public Func<int, int, bool> IsInvalid { get; init; } = (_, _) => false;

    public List<string?> StartCursors { get; } = [];

    public int PagesYielded => Volatile.Read(ref _yielded);

    /// <summary>How often <see cref="FailAtPage"/> was hit.</summary>
    public int FailedReads => Volatile.Read(ref _failedReads);

    /// <summary>Pages yielded and not disposed yet.</summary>
    public int PagesOutstanding => Volatile.Read(ref _yielded) - Volatile.Read(ref _released);

    public Action<int>? OnPageYielding { get; init; }

    public static string ObjectId(string collection, int page, int index) =>
        $"indicator--{Math.Abs(HashCode.Combine(collection)) % 100000:00000000}-0000-4000-8000-{page:000000}{index:000000}";

    public IEnumerable<string> AllObjectIds() =>
        Enumerable.Range(1, _pages).SelectMany(p => Enumerable.Range(0, _objectsPerPage).Where(i => !IsInvalid(p, i))
            .Select(i => ObjectId(DisplayName, p, i)));

    public async IAsyncEnumerable<SourcePage> ReadPagesAsync(string? committedCursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        StartCursors.Add(committedCursor);
        // A timestamp (the Python connector's last_run) is older than every page here: read from the first.
        var first = committedCursor is null || !committedCursor.StartsWith('c')
            ? 1
            : int.Parse(committedCursor.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) + 1;
        for (var page = first; page <= _pages; page++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            if (page == FailAtPage)
            {
                Interlocked.Increment(ref _failedReads);
                throw new HttpRequestException($"server broke at page {page}");
            }

            OnPageYielding?.Invoke(page);
            var objects = Enumerable.Range(0, _objectsPerPage).Select(i => IsInvalid(page, i)
                ? $$"""{"id":"{{ObjectId(DisplayName, page, i)}}"}"""
                : $$"""{"type":"indicator","id":"{{ObjectId(DisplayName, page, i)}}"}""");
            var document = JsonDocument.Parse("[" + string.Join(',', objects) + "]");
            Interlocked.Increment(ref _yielded);
            yield return new SourcePage(page, [.. document.RootElement.EnumerateArray()], "c" + page, new Owner(document, this));
        }
    }

    private sealed class Owner(JsonDocument document, FakeCollection collection) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                document.Dispose();
                Interlocked.Increment(ref collection._released);
            }
        }
    }
}
