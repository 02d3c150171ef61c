using System.Runtime.InteropServices;
using Shop.Bench.GrainClient;

// Bench-only console tool: the .NET-client side of bench/run.sh. Each command prints one "RESULT key=value ..." line.
var arguments = CommandLine.Parse(args);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    stop.Cancel();
});

return arguments.Command switch
{
    "create-users" => await CreateUsers.RunAsync(arguments, stop.Token),
    "clone-users" => await CloneUsers.RunAsync(arguments, stop.Token),
    "calls" => await GrainCalls.RunAsync(arguments, stop.Token),
    "place-orders" => await PlaceOrders.RunAsync(arguments, stop.Token),
    "activate" => await ActivateUsers.RunAsync(arguments, stop.Token),
    "sign-in" => await SignIn.RunAsync(arguments, stop.Token),
    "force-gc" => await ForceGc.RunAsync(arguments, stop.Token),
    "heap-types" => await HeapTypes.RunAsync(arguments, stop.Token),
    "mail-latency" => await MailLatency.RunAsync(arguments, stop.Token),
    _ => CommandLine.Usage(),
};
