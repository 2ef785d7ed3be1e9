using Actors.Bench;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Actors.Bench -- --filter '*'            (measured)
// dotnet run -c Release --project bench/Actors.Bench -- --filter '*' --job dry  (quick validation)
var (config, arguments) = BenchConfig.For(args);
BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(arguments, config);
