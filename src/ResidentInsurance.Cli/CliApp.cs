namespace ResidentInsurance.Cli;

/// <summary>Dispatches the commands. stdout carries only results; everything else goes to stderr.</summary>
internal static class CliApp
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
    public const int NoDefinition = 3;

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, PlatformOptions? platform = null)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await stderr.WriteLineAsync("""
                用法 / usage:
                  simulate --file case.json     试算一个或一组个案（JSON），结果写到标准输出
                  simulate --file -             从标准输入读取
                  bench season --region zhashui --people N [--db f.db]  参保季基准测试（吞吐、延迟、内存、正确性）
                  bench campaign --region pubei --people N [--db f.db]  征缴进度看板与通报基准测试
                  bench simulate --region guizhou --cases N         政策试算吞吐（不落库，逐条核对案例预期）
                  bench inbox [--tasks K] [--season-workers W]      参保季进行中：部门任务办结 → 下一任务出现在待办箱的延迟
                  parked [--region r] [--database f.db]            列出未被流程接收、待核查的事件（缴费信息）及原因
                  verify-audit [--database f.db | --postgres "…"]  校验审计链（被修改或删除的记录）
                  backup --to copy.db [--database f.db]            在线备份 SQLite 库（运行中可做，校验完整性）
                退出码: 0 成功; 2 输入有误（字段见标准错误）; 3 该地区没有已发布的流程; 4 审计链被破坏
                """);
            return args.Length == 0 ? BadInput : Ok;
        }

        return args[0] switch
        {
            "simulate" => await SimulateCommand.RunAsync(args[1..], stdin, stdout, stderr, platform ?? PlatformOptions.Default()),
            "bench" => await Bench.BenchCommand.RunAsync(args[1..], stdout, stderr, platform ?? PlatformOptions.Default()),
            "parked" => await ParkedCommand.RunAsync(args[1..], stdout, stderr, platform ?? PlatformOptions.Default()),
            "verify-audit" => await VerifyAuditCommand.RunAsync(args[1..], stdout, stderr, platform ?? PlatformOptions.Default()),
            "backup" => await BackupCommand.RunAsync(args[1..], stdout, stderr, platform ?? PlatformOptions.Default()),
            _ => await Unknown(args[0], stderr),
        };
    }

    private static async Task<int> Unknown(string command, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"unknown command '{command}' (try: simulate --file case.json)");
        return BadInput;
    }
}
