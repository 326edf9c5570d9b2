#Requires -Version 7.6
<#
.SYNOPSIS
    Runs the module's Pester suite against the built module folder and reports its counts.
.DESCRIPTION
    tests/run.sh calls this after `dotnet build` and `dotnet restore tests/pester/PesterTools.csproj`,
    in `dotnet pwsh -NoProfile -NonInteractive`. Pester comes from the NuGet package folder, pinned
    by PesterTools.csproj (there is no PowerShell Gallery to install it from). The counts are
    written to -CountsFile as "passed failed skipped" for the test command's summary line.
.EXAMPLE
    ./tests/pester/Invoke-PesterSuite.ps1 -PackageRoot ~/.nuget/packages
#>
[CmdletBinding()]
param(
    # The NuGet package folder (`dotnet msbuild tests/pester/PesterTools.csproj -getProperty:NuGetPackageRoot`).
    [Parameter(Mandatory)]
    [string] $PackageRoot,

    # Where the NUnit XML report goes.
    [string] $ResultFile = (Join-Path $PSScriptRoot '..' '..' 'TestResults' 'pester.xml'),

    # Where "passed failed skipped" goes.
    [string] $CountsFile = (Join-Path $PSScriptRoot '..' '..' 'TestResults' 'pester-counts.txt'),

    # Only files whose name matches (e.g. 'Measure*'), for a quick run while working on one area.
    [string] $Filter = '*'
)

$ErrorActionPreference = 'Stop'
# Plain text everywhere, child processes included: colour codes are not valid in the XML report.
$env:NO_COLOR = '1'
$PSStyle.OutputRendering = 'PlainText'
$pesterVersion = ([xml](Get-Content (Join-Path $PSScriptRoot 'PesterTools.csproj'))).Project.ItemGroup.PackageDownload |
    Where-Object Include -eq 'Pester' | ForEach-Object { $_.Version.Trim('[]') }
Import-Module (Join-Path $PackageRoot 'pester' $pesterVersion 'tools' 'Pester.psd1') -Force

# The isolation tests load other versions of the module's libraries from the same package folder.
$env:SEGMEASURE_PACKAGE_ROOT = $PackageRoot

$configuration = New-PesterConfiguration
$configuration.Run.Path = @(Get-ChildItem $PSScriptRoot -Filter "$Filter.Tests.ps1" | ForEach-Object FullName)
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = $ResultFile
New-Item -ItemType Directory -Force (Split-Path $ResultFile), (Split-Path $CountsFile) | Out-Null

$result = Invoke-Pester -Configuration $configuration
# A failure in a BeforeAll fails its block, not its tests: count it so it cannot pass unseen.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
$skipped = $result.SkippedCount + $result.NotRunCount
Set-Content $CountsFile "$($result.PassedCount) $failed $skipped"
# The failures' names again, last, so that the tail of a long log names them.
foreach ($test in $result.Failed) { Write-Host "failed: $($test.ExpandedPath)" }
foreach ($block in $result.FailedBlocks) { Write-Host "failed: $($block.ExpandedPath) (set-up)" }
foreach ($container in $result.FailedContainers) { Write-Host "failed: $($container.Item) (file)" }
Write-Host "Pester: $($result.PassedCount) passed, $failed failed, $skipped skipped"
exit ([int]($failed -gt 0 -or $result.PassedCount -eq 0))
