using SegMeasure.Cli;

return SegMeasureApp.Run(args, Console.Out, Console.Error, Console.IsErrorRedirected);
