"""What document import, scanning and assembly say when they refuse (kiosk.texts)."""

from __future__ import annotations

from kiosk.catalog.model import Text as Title
from kiosk.texts import RefusedError, Text, declare

TEXTS = declare(
    "documents",
    {
        "too_large": (
            "«{document}»: το αρχείο είναι {size} MB, πάνω από το όριο των {limit} MB· "
            "σαρώστε το σε χαμηλότερη ανάλυση ή χωρίστε το.",
            "“{document}”: the file is {size} MB, over the limit of {limit} MB; "
            "scan it at a lower resolution or split it.",
        ),
        "not_a_page": (
            "«{document}»: το «{file}» δεν είναι PDF, JPEG ή PNG· "
            "εισαγάγετε ένα από αυτά τα είδη αρχείου.",
            "“{document}”: “{file}” is not a PDF, JPEG or PNG; import one of those kinds of file.",
        ),
        "damaged": (
            "«{document}»: το «{file}» είναι κατεστραμμένο και δεν διαβάζεται· "
            "ζητήστε νέο αντίγραφο ή σαρώστε το χαρτί.",
            "“{document}”: “{file}” is damaged and cannot be read; "
            "ask for a new copy or scan the paper.",
        ),
        "password": (
            "«{document}»: το «{file}» προστατεύεται με κωδικό· "
            "ζητήστε αντίγραφο χωρίς κωδικό ή σαρώστε το χαρτί.",
            "“{document}”: “{file}” is protected by a password; "
            "ask for a copy without one or scan the paper.",
        ),
        "unreadable": (
            "«{document}»: το «{file}» δεν ανοίγει ({reason})· ελέγξτε το μέσο και ξαναδοκιμάστε.",
            "“{document}”: “{file}” cannot be opened ({reason}); check the drive and try again.",
        ),
        "too_small": (
            "«{document}»: η εικόνα «{file}» είναι {width}×{height} εικονοστοιχεία, "
            "πολύ μικρή για να διαβαστεί σελίδα· σαρώστε ή φωτογραφίστε ολόκληρη τη σελίδα.",
            "“{document}”: the image “{file}” is {width}×{height} pixels, too small to be a "
            "readable page; scan or photograph the whole page.",
        ),
        "blank": (
            "«{document}»: η εικόνα «{file}» είναι κενή, ένα χρώμα σε όλη της την έκταση· "
            "φωτογραφίστε ή σαρώστε τη σελίδα με το περιεχόμενό της.",
            "“{document}”: the image “{file}” is blank, one colour all over; "
            "photograph or scan the page with its content.",
        ),
        "no_pages": (
            "«{document}»: δεν υπάρχουν σελίδες· σαρώστε ή εισαγάγετε τουλάχιστον μία.",
            "“{document}”: there are no pages; scan or import at least one.",
        ),
        "wrong_type": (
            "«{document}»: επισυνάφθηκε ως {media_type}, ενώ γίνεται δεκτό μόνο PDF· "
            "επισυνάψτε το ξανά.",
            "“{document}”: it was attached as {media_type}, but only PDF is accepted; "
            "attach it again.",
        ),
        "too_many_pages": (
            "«{document}»: {count} σελίδες, πάνω από το όριο των {limit}· "
            "κρατήστε μόνο τις σελίδες που ζητούνται.",
            "“{document}”: {count} pages, over the limit of {limit}; "
            "keep only the pages that are asked for.",
        ),
    },
)


class DocumentRefusedError(RefusedError):
    """A refusal about one document: its title is filled in the reader's language."""

    def __init__(self, text: Text, title: Title, **params: object) -> None:
        super().__init__(text, **params)
        self.title = title

    def message(self, locale: str) -> str:
        return self.text.message(locale, document=self.title.get(locale), **self.params)
