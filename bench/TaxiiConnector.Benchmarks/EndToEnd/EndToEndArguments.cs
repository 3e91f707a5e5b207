using System.Globalization;

namespace TaxiiConnector.Benchmarks.EndToEnd;

/// <summary>
/// <c>e2e --objects N --page P [--sink counting|directory|amqp|api] [--repeat R] [--seed S] [--stages] [--no-prerender]
/// [--warm-up-pages W] [--window M] [--dedup on|off|reread]</c> and the internal <c>serve</c> verb's arguments.
/// </summary>
internal sealed record EndToEndArguments
{
    public long Objects { get; init; } = 100_000;

    public int Page { get; init; } = 1000;

    /// <summary>Runs, each in a fresh process; the medians are printed.</summary>
    public int Repeat { get; init; } = 1;

    public ulong Seed { get; init; } = 1;

    /// <summary>After the raw baseline, time transform and bundling per page on the same bytes, one core, no overlap.</summary>
    public bool Stages { get; init; }

    /// <summary>The server generates every object per request instead of rendering the collection once at start-up (for A/B runs).</summary>
    public bool NoPrerender { get; init; }

    /// <summary>
    /// Pages read by the untimed warm-up run. 150 by default: after 40, a 100k-object run still cost about twice the CPU per
    /// object of the steady state (per-page methods were still at tier 0 or in OSR code).
    /// </summary>
    public int WarmUpPages { get; init; } = 150;

    /// <summary><c>--dedup on|off|reread</c>: <c>taxii2.dedup</c> (on, the product's default: every run starts from an empty database).</summary>
    public bool Dedup { get; init; } = true;

    /// <summary>
    /// <c>--dedup reread</c>: de-dup on, and the measured run reads the collection a second time over the database of an
    /// untimed first read, with the cursor reset (a server that ignores <c>added_after</c>, or a state reset): all hits.
    /// </summary>
    public bool Reread { get; init; }

    /// <summary>Where the bundles go: <c>counting</c> (acknowledges at once), <c>directory</c> (the dry run's files), <c>amqp</c> or <c>api</c>.</summary>
    public string Sink { get; init; } = "counting";

    /// <summary>The AMQP sink's (and the ceiling's) window of unconfirmed publishes; 0: the product's default.</summary>
    public int Window { get; init; }

    /// <summary><c>serve</c> only: also host the stand-in platform, giving this broker port at registration (-1: no platform).</summary>
    public int PlatformBrokerPort { get; init; } = -1;

    public static readonly string[] Sinks = ["counting", "directory", "amqp", "api"];

    public static bool TryParse(IReadOnlyList<string> args, out EndToEndArguments parsed, out string error)
    {
        parsed = new EndToEndArguments();
        error = string.Empty;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--stages")
            {
                parsed = parsed with { Stages = true };
                continue;
            }

            if (name == "--no-prerender")
            {
                parsed = parsed with { NoPrerender = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value.";
                return false;
            }

            var value = args[++i];
            switch (name)
            {
                case "--objects" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var objects) && objects > 0:
                    parsed = parsed with { Objects = objects };
                    break;
                case "--page" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0:
                    parsed = parsed with { Page = page };
                    break;
                case "--repeat" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var repeat) && repeat is > 0 and <= 99:
                    parsed = parsed with { Repeat = repeat };
                    break;
                case "--warm-up-pages" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var warmUp) && warmUp > 0:
                    parsed = parsed with { WarmUpPages = warmUp };
                    break;
                case "--dedup" when value is "on" or "off" or "reread":
                    parsed = parsed with { Dedup = value != "off", Reread = value == "reread" };
                    break;
                case "--sink" when Sinks.Contains(value, StringComparer.Ordinal):
                    parsed = parsed with { Sink = value };
                    break;
                case "--window" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var window) && window is > 0 and <= 65535:
                    parsed = parsed with { Window = window };
                    break;
                case "--platform-broker-port" when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var brokerPort):
                    parsed = parsed with { PlatformBrokerPort = brokerPort };
                    break;
                case "--seed" when ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seed):
                    parsed = parsed with { Seed = seed };
                    break;
                default:
                    error = $"Unknown option or bad value: {name} {value}. Usage: e2e --objects N --page P [--sink counting|directory|amqp|api] [--repeat R] [--seed S] [--stages] [--no-prerender] [--warm-up-pages W] [--window M] [--dedup on|off|reread]";
                    return false;
            }
        }

        return true;
    }

    /// <summary>The arguments of one child run (same workload, one repetition).</summary>
    public IReadOnlyList<string> ForSingleRun() =>
    [
        "e2e",
        "--objects", Objects.ToString(CultureInfo.InvariantCulture),
        "--page", Page.ToString(CultureInfo.InvariantCulture),
        "--seed", Seed.ToString(CultureInfo.InvariantCulture),
        "--warm-up-pages", WarmUpPages.ToString(CultureInfo.InvariantCulture),
        "--sink", Sink,
        .. Window > 0 ? (string[])["--window", Window.ToString(CultureInfo.InvariantCulture)] : [],
        .. Stages ? (string[])["--stages"] : [],
        .. NoPrerender ? (string[])["--no-prerender"] : [],
        "--dedup", Reread ? "reread" : Dedup ? "on" : "off",
    ];
}
