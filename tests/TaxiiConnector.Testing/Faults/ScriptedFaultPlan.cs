namespace TaxiiConnector.Testing.Faults;

/// <summary>
/// A fault plan written as rules: the first rule that matches a request and still has firings left decides.
/// Records every fault it injected, so a test can check what the client really went through.
/// </summary>
/// <example>
/// <code>
/// var plan = new ScriptedFaultPlan()
///     .OnPage(3, TaxiiFault.ServiceUnavailable(), times: 3)            // page 3: three 503s, then served
///     .OnPage(5, TaxiiFault.TooManyRequests(TimeSpan.FromSeconds(2)))  // page 5: one 429 with Retry-After: 2
///     .OnObjectsRequest(7, TaxiiFault.ResetMidBody());                 // 7th objects request: reset mid-body
/// </code>
/// </example>
public sealed class ScriptedFaultPlan : IFaultPlan
{
    private readonly Lock _gate = new();
    private readonly List<Rule> _rules = [];
    private readonly List<InjectedFault> _injected = [];

    /// <summary>Every fault injected so far, in order.</summary>
    public IReadOnlyList<InjectedFault> Injected
    {
        get
        {
            lock (_gate)
            {
                return [.. _injected];
            }
        }
    }

    /// <summary>Injects <paramref name="fault"/> into the first <paramref name="times"/> requests that match; null = every match.</summary>
    public ScriptedFaultPlan When(Func<FaultRequestContext, bool> predicate, TaxiiFault fault, int? times = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(fault);
        if (times is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        }

        lock (_gate)
        {
            _rules.Add(new Rule(predicate, fault, times));
        }

        return this;
    }

    /// <summary>The <paramref name="times"/> first requests for page <paramref name="pageNumber"/> (of any collection) get the fault.</summary>
    public ScriptedFaultPlan OnPage(int pageNumber, TaxiiFault fault, int? times = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageNumber);
        return When(context => context.Endpoint == TaxiiEndpoint.Objects && context.PageNumber == pageNumber, fault, times);
    }

    /// <summary>The Get Objects request number <paramref name="requestNumber"/> (1-based) gets the fault.</summary>
    public ScriptedFaultPlan OnObjectsRequest(long requestNumber, TaxiiFault fault) =>
        OnObjectsRequests(requestNumber, 1, fault);

    /// <summary>A burst: Get Objects requests <paramref name="firstRequestNumber"/> .. <paramref name="firstRequestNumber"/> + <paramref name="count"/> - 1 get the fault.</summary>
    public ScriptedFaultPlan OnObjectsRequests(long firstRequestNumber, int count, TaxiiFault fault)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(firstRequestNumber);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var last = firstRequestNumber + count - 1;
        return When(
            context => context.Endpoint == TaxiiEndpoint.Objects && context.ObjectsRequestNumber >= firstRequestNumber && context.ObjectsRequestNumber <= last,
            fault);
    }

    /// <summary>Request number <paramref name="requestNumber"/> (1-based, counting every endpoint) gets the fault.</summary>
    public ScriptedFaultPlan OnRequest(long requestNumber, TaxiiFault fault)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestNumber);
        return When(context => context.RequestNumber == requestNumber, fault, times: 1);
    }

    public TaxiiFault? Decide(FaultRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                if (rule.Remaining is 0 || !rule.Predicate(context))
                {
                    continue;
                }

                if (rule.Remaining is { } remaining)
                {
                    rule.Remaining = remaining - 1;
                }

                _injected.Add(new InjectedFault(context, rule.Fault));
                return rule.Fault;
            }
        }

        return null;
    }

    private sealed class Rule
    {
        public Rule(Func<FaultRequestContext, bool> predicate, TaxiiFault fault, int? remaining)
        {
            Predicate = predicate;
            Fault = fault;
            Remaining = remaining;
        }

        public Func<FaultRequestContext, bool> Predicate { get; }

        public TaxiiFault Fault { get; }

        /// <summary>Firings left; null fires on every match.</summary>
        public int? Remaining { get; set; }
    }
}

/// <summary>One fault the plan injected, with the request it hit.</summary>
public sealed record InjectedFault(FaultRequestContext Request, TaxiiFault Fault);
