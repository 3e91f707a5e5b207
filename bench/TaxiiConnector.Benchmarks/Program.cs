using TaxiiConnector.Benchmarks.EndToEnd;
using TaxiiConnector.Benchmarks.Micro;

// micro [BenchmarkDotNet args] | e2e --objects N --page P [--repeat R] [--seed S] [--stages] [--no-prerender] | serve (internal)
var verb = args.Length > 0 ? args[0] : "micro";
var rest = args.Skip(1).ToArray();
switch (verb)
{
    case "micro":
        return MicroCommand.Run(rest);
    case EndToEndCommand.Name or ServeCommand.Name:
        if (!EndToEndArguments.TryParse(rest, out var arguments, out var error))
        {
            await Console.Error.WriteLineAsync(error);
            return 2;
        }

        using (var cancellation = new CancellationTokenSource())
        {
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                cancellation.Cancel();
            };
            return verb == ServeCommand.Name
                ? await ServeCommand.RunAsync(arguments)
                : await EndToEndCommand.RunAsync(arguments, cancellation.Token);
        }

    default:
        await Console.Error.WriteLineAsync($"Unknown command '{verb}'. Use: micro [--filter ...] | e2e --objects N --page P [--repeat R]");
        return 2;
}
