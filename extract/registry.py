"""The dimensions of the pipeline, in one place. Adding a type: its module in extract/,
its rules in patterns/<dimension>/, its examples in tests/specs/, and a line here."""
from .quantities import Quantities
from .legal import LegalRefs
from .officials import Officials
from .time import Time

DIMENSIONS = {
    "quantities": Quantities,
    "legal": LegalRefs,
    "officials": Officials,
    "time": Time,
}
