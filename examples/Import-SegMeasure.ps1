<#
.SYNOPSIS
    Imports SegMeasure for the example scripts, so that they run from a fresh clone.
.DESCRIPTION
    Dot-sourced by the examples. Inside a clone of the repository it imports the module folder
    the build assembles (artifacts/SegMeasure), building it first with `dotnet build` when it is
    not there yet; run ./build.ps1 to rebuild it after changing the sources. Anywhere else it
    imports SegMeasure from $env:PSModulePath, as an installed module.
#>
$repository = Split-Path $PSScriptRoot -Parent
$solution = Join-Path $repository 'SegMeasure.PowerShell.sln'
if (Test-Path -LiteralPath $solution) {
    $moduleFolder = Join-Path $repository 'artifacts' 'SegMeasure'
    if (-not (Test-Path -LiteralPath (Join-Path $moduleFolder 'SegMeasure.psd1'))) {
        Write-Host "Building the SegMeasure module (once) ..."
        dotnet build $solution -c Release -nologo -v q | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "dotnet build of $solution failed with exit code $LASTEXITCODE" }
    }
    Import-Module $moduleFolder -ErrorAction Stop
}
else {
    Import-Module SegMeasure -ErrorAction Stop
}
