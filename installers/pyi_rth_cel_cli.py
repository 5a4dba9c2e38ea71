"""PyInstaller runtime hook: `cel/__init__.py` imports `cel.cli`, CEL's interactive REPL,
which pulls rich, pygments and prompt_toolkit (~8 MB) that the app never uses. The spec
excludes them; this stands an empty `cel.cli` in so that `import cel` still works."""

import sys
import types

sys.modules.setdefault("cel.cli", types.ModuleType("cel.cli"))
