using BenchmarkDotNet.Running;
using Grains.Bench;

// dotnet run -c Release --project bench/Grains.Bench -- --filter '*'            (measured)
// dotnet run -c Release --project bench/Grains.Bench -- --filter '*' --job dry  (quick validation)
var (config, arguments) = BenchConfig.For(args);
BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(arguments, config);
