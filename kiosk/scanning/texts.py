"""What scanning says when it fails (kiosk.texts): each with what to do next."""

from __future__ import annotations

from kiosk.texts import declare

TEXTS = declare(
    "scanning",
    {
        "busy": (
            "Ο σαρωτής είναι απασχολημένος· περιμένετε να τελειώσει και ξαναδοκιμάστε. "
            "Οι σελίδες που σαρώθηκαν κρατήθηκαν.",
            "The scanner is busy; wait for it to finish and try again. "
            "The pages already scanned are kept.",
        ),
        "not_found": (
            "Ο σαρωτής «{device}» δεν βρέθηκε· ελέγξτε ότι είναι συνδεδεμένος και αναμμένος. "
            "Οι σελίδες που σαρώθηκαν κρατήθηκαν.",
            "The scanner “{device}” was not found; check that it is plugged in and on. "
            "The pages already scanned are kept.",
        ),
        "lost": (
            "Η σύνδεση με τον σαρωτή χάθηκε στη μέση της σάρωσης· ελέγξτε το καλώδιο και "
            "σαρώστε ξανά αυτή τη σελίδα. Οι σελίδες που σαρώθηκαν κρατήθηκαν.",
            "The scanner was lost in the middle of the scan; check its cable and scan this "
            "page again. The pages already scanned are kept.",
        ),
        "interrupted": (
            "Η σάρωση διακόπηκε πριν τελειώσει· σαρώστε ξανά αυτή τη σελίδα. "
            "Οι σελίδες που σαρώθηκαν κρατήθηκαν.",
            "The scan stopped before it finished; scan this page again. "
            "The pages already scanned are kept.",
        ),
        "jammed": (
            "Χαρτί κόλλησε στον σαρωτή· αφαιρέστε το και σαρώστε ξανά.",
            "Paper is jammed in the scanner; remove it and scan again.",
        ),
        "no_paper": (
            "Δεν υπάρχει χαρτί στον τροφοδότη· τοποθετήστε τη σελίδα και σαρώστε ξανά.",
            "There is no paper in the feeder; put the page in and scan again.",
        ),
        "cover_open": (
            "Το καπάκι του σαρωτή είναι ανοιχτό· κλείστε το και σαρώστε ξανά.",
            "The scanner's cover is open; close it and scan again.",
        ),
        "failed": (
            "Ο σαρωτής απάντησε με σφάλμα ({status})· σαρώστε ξανά ή επανεκκινήστε τον σαρωτή.",
            "The scanner answered with an error ({status}); scan again or restart the scanner.",
        ),
        "no_scanner": (
            "Δεν βρέθηκε σαρωτής· συνδέστε και ανάψτε τον σαρωτή ή εισαγάγετε αρχείο.",
            "No scanner was found; plug the scanner in and turn it on, or import a file.",
        ),
        "no_sane": (
            "Δεν είναι εγκατεστημένο το πρόγραμμα σάρωσης (SANE scanimage)· "
            "ζητήστε από το τμήμα πληροφορικής να το εγκαταστήσει, ή εισαγάγετε αρχείο.",
            "The scanning program (SANE scanimage) is not installed; ask IT to install it, "
            "or import a file instead.",
        ),
        "too_slow": (
            "Ο σαρωτής δεν απάντησε σε {seconds} δευτερόλεπτα· ελέγξτε τον και σαρώστε ξανά.",
            "The scanner did not answer in {seconds} seconds; check it and scan again.",
        ),
    },
)
