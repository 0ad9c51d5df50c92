"""The dimensions of the pipeline, in one place. Adding a type: its module in extract/,
its rules in patterns/<dimension>/, its examples in tests/specs/, and a line here."""
from ..dimensions.quantities import Quantities
from ..dimensions.legal import LegalRefs
from ..dimensions.officials import Officials
from ..dimensions.time import Time

DIMENSIONS = {
    "quantities": Quantities,
    "legal": LegalRefs,
    "officials": Officials,
    "time": Time,
}
