namespace TaxiiConnector.Dedup;

/// <summary>
/// A few lists handed from one page to the next. A page's screening lists are each the page's size: allocated per page,
/// they were the largest allocation of the pipeline and the one that set off most of de-dup's garbage collections.
/// Only as many are kept as pages are in flight at once; a list not given back is only left to the collector.
/// </summary>
internal sealed class ReusableLists<T>
{
    private const int Kept = 8;

    private readonly Lock _lock = new();
    private readonly Stack<List<T>> _lists = new(Kept);

    public List<T> Take(int capacity)
    {
        List<T>? list;
        lock (_lock)
        {
            _lists.TryPop(out list);
        }

        if (list is null)
        {
            return new List<T>(capacity);
        }

        list.EnsureCapacity(capacity);
        return list;
    }

    public void Return(List<T> list)
    {
        list.Clear();
        lock (_lock)
        {
            if (_lists.Count < Kept)
            {
                _lists.Push(list);
            }
        }
    }
}
