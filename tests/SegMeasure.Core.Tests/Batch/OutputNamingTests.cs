using SegMeasure.Core;
using SegMeasure.Core.Batch;

namespace SegMeasure.Core.Tests.Batch;

public class OutputNamingTests
{
    [Fact]
    public void Suffix_goes_before_the_extension()
    {
        Assert.Equal(Path.Combine("plate", "cells_clean.tif"), OutputNaming.WithSuffix(Path.Combine("plate", "cells.tif"), "_clean"));
        Assert.Equal(Path.Combine("plate", "cells_morph.csv"), OutputNaming.WithSuffix(Path.Combine("plate", "cells.tif"), "_morph", ".csv"));
        Assert.Throws<SegMeasureException>(() => OutputNaming.WithSuffix("cells.tif", ""));
    }

    [Fact]
    public void A_directory_receives_the_input_name_but_never_the_input_itself()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var input = Path.Combine(dir, "a", "cells.tif");
            var outDir = Path.Combine(dir, "out");
            Directory.CreateDirectory(outDir);
            Assert.Equal(Path.Combine(outDir, "cells.tif"), OutputNaming.Resolve(input, outDir, "_clean"));
            Assert.Equal(Path.Combine(dir, "a", "cells_clean.tif"), OutputNaming.Resolve(input, Path.Combine(dir, "a") + Path.DirectorySeparatorChar, "_clean"));
            Assert.Equal(Path.Combine(dir, "x.tif"), OutputNaming.Resolve(input, Path.Combine(dir, "x.tif"), "_clean"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
