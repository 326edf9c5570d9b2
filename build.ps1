#Requires -Version 7.4
<#
.SYNOPSIS
    Builds the SegMeasure module folder (artifacts/SegMeasure/) and optionally copies it elsewhere.
.DESCRIPTION
    All build logic lives in MSBuild: this script only runs `dotnet build`, which compiles the
    cmdlets and assembles the module folder (manifest, assemblies, views, help). With
    -Destination the finished folder is copied there, for example into a directory of
    $env:PSModulePath, so that `Import-Module SegMeasure` finds it.
.EXAMPLE
    ./build.ps1
.EXAMPLE
    ./build.ps1 -Gpu
    Builds with ONNX Runtime's CUDA package, for machines with an NVIDIA driver and CUDA 13's
    runtime libraries (and cuDNN 9), where Invoke-SegSegmentation -Method Cellpose -UseGpu runs
    the network on the GPU.
.EXAMPLE
    ./build.ps1 -Destination ($env:PSModulePath -split [IO.Path]::PathSeparator)[0]
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    # Directory that receives a copy of the module folder (as Destination/SegMeasure).
    [string] $Destination,

    # Ship ONNX Runtime with its CUDA provider instead of the CPU-only package.
    [switch] $Gpu
)

$ErrorActionPreference = 'Stop'
Push-Location $PSScriptRoot
try {
    $flavour = if ($Gpu) { '-p:SegMeasureGpu=true' } else { '-p:SegMeasureGpu=false' }
    dotnet build SegMeasure.PowerShell.sln -c $Configuration -nologo $flavour
    if ($LASTEXITCODE -ne 0) { throw "dotnet build failed with exit code $LASTEXITCODE" }

    $module = Join-Path $PSScriptRoot 'artifacts' 'SegMeasure'
    if ($Destination) {
        $target = Join-Path $Destination 'SegMeasure'
        if ($PSCmdlet.ShouldProcess($target, 'Copy the SegMeasure module')) {
            if (Test-Path $target) { Remove-Item $target -Recurse -Force }
            New-Item -ItemType Directory -Path $Destination -Force | Out-Null
            Copy-Item $module $target -Recurse
            Write-Verbose "SegMeasure module copied to $target"
        }
    }
    else {
        Write-Verbose "SegMeasure module built in $module"
    }
}
finally {
    Pop-Location
}
