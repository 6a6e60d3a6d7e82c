using IncidentExchange.Cli;
using IncidentExchange.Contracts.V1;

// On one thread, before any concurrent work: Google.Protobuf's descriptor build is not thread-safe (IncxDescriptors).
IncxDescriptors.BuildAll();
return await CliApp.RunAsync(args, Console.Out, Console.Error);
