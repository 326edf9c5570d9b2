using System.Reflection;
using SegMeasure.Bench;

// Every IBenchmark in this assembly is a mode: `dotnet run -c Release --project bench/SegMeasure.Bench -- <mode> [options]`.
var modes = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name)
    .ToList();

var mode = args.Length > 0 ? modes.FirstOrDefault(b => b.Name == args[0]) : null;
if (mode is null)
{
    Console.Error.WriteLine("usage: SegMeasure.Bench <mode> [options]\nmodes:");
    foreach (var b in modes) Console.Error.WriteLine($"  {b.Name,-16} {b.Description}");
    return 2;
}

return mode.Run(args[1..]);
