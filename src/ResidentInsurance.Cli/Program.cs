using ResidentInsurance.Cli;

Console.OutputEncoding = System.Text.Encoding.UTF8;
return await CliApp.RunAsync(args, Console.In, Console.Out, Console.Error);
