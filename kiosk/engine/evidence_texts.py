"""What the screens say about Once Only: why nothing is fetched without sign-in, the
per-evidence choice, the preview, and the citizen sign-in's outcomes (kiosk.texts)."""

from __future__ import annotations

from kiosk.texts import declare

TEXTS = declare(
    "onceonly",
    {
        "panel_title": ("Στοιχεία που τηρούν μητρώα", "Data that registries hold"),
        "not_signed_in": (
            "Δεν έχετε συνδεθεί, γι' αυτό η υπηρεσία δεν αναζητά τίποτα σε μητρώα: "
            "συμπληρώστε τα στοιχεία σας μόνοι σας και φέρτε τα δικαιολογητικά.",
            "You are not signed in, so the office looks nothing up in registries: "
            "type your details yourself and bring the documents.",
        ),
        "why": (
            "Γιατί: ο νόμος επιτρέπει να αναζητηθούν στοιχεία σας μόνο αφού "
            "ταυτοποιηθείτε και μόνο αν το ζητήσετε εσείς. Σε ένα κοινόχρηστο περίπτερο "
            "κανείς δεν πρέπει να βλέπει στοιχεία άλλου.",
            "Why: the law lets your data be looked up only after you have been "
            "identified, and only at your request. At a shared kiosk nobody may see "
            "another person's data.",
        ),
        "sign_in_offer": (
            "Σύνδεση με το κινητό σας (TaxisNet)",
            "Sign in with your phone (TaxisNet)",
        ),
        "to_bring": ("Θα το φέρετε: {title}", "You will bring it: {title}"),
        "to_type": ("Θα τα συμπληρώσετε εσείς: {title}", "You will type them: {title}"),
        "choose": (
            "Τι προτιμάτε για: {title}",
            "What do you prefer for: {title}",
        ),
        "fetch": ("Να το αναζητήσει η υπηρεσία", "The office fetches it for me"),
        "bring": ("Θα το φέρω εγώ", "I'll bring it myself"),
        "asked": (
            "Θα αναζητηθεί από την υπηρεσία, μόλις συμπληρώσετε τον αριθμό.",
            "The office will fetch it once you have filled in the number.",
        ),
        "pending": (
            "Ζητήθηκε· η απάντηση του μητρώου δεν έχει έρθει ακόμη. Συνεχίστε κανονικά.",
            "Requested; the registry has not answered yet. Carry on as usual.",
        ),
        "fetched": (
            "Βρέθηκαν στο μητρώο, με δική σας αίτηση. Ελέγξτε τα πριν συνεχίσετε:",
            "Found in the registry at your request. Check them before going on:",
        ),
        "reject": (
            "Δεν είναι σωστά: θα φέρω το έγγραφο",
            "This is not right: I'll bring the document",
        ),
        "rejected": (
            "Δεν χρησιμοποιούνται. Συμπληρώστε τα στοιχεία μόνοι σας και φέρτε το έγγραφο.",
            "Not used. Type the details yourself and bring the document.",
        ),
        "bringing": ("Θα το φέρετε εσείς.", "You will bring it yourself."),
        "refused": (
            "Η πλατφόρμα δεν δίνει αυτά τα στοιχεία για αυτόν τον αριθμό (δίνει μόνο τα "
            "δικά σας, όσο είστε συνδεδεμένοι). Συμπληρώστε τα μόνοι σας και φέρτε το "
            "έγγραφο· ό,τι γράψατε έχει κρατηθεί.",
            "The platform does not give these details for this number (only your own, "
            "while you are signed in). Type them yourself and bring the document; what "
            "you typed is kept.",
        ),
        "document_fetch": (
            "Η υπηρεσία θα το αναζητήσει η ίδια· δεν χρειάζεται να το φέρετε.",
            "The office will fetch it itself; you need not bring it.",
        ),
        "receipt_title": (
            "Στοιχεία που αναζητήθηκαν από μητρώα με αίτησή σας",
            "Data fetched from registries at your request",
        ),
        # --- citizen sign-in (RFC 8628) -----------------------------------------------
        "signin_title": ("Σύνδεση με το κινητό σας", "Sign in with your phone"),
        "signin_steps": (
            "1. Σαρώστε τον κωδικό QR με το κινητό σας ή ανοίξτε τη διεύθυνση {uri} "
            "και γράψτε τον κωδικό.\n2. Συνδεθείτε με τους κωδικούς σας TaxisNet.\n"
            "3. Εγκρίνετε ποια στοιχεία θα αναζητηθούν. Η σύνδεση λήγει μόνη της.",
            "1. Scan the QR code with your phone, or open {uri} and type the code.\n"
            "2. Sign in with your TaxisNet credentials.\n"
            "3. Approve which data may be fetched. The sign-in ends by itself.",
        ),
        "signin_code": ("Κωδικός: {code}", "Code: {code}"),
        "signin_waiting": ("Περιμένουμε την έγκρισή σας…", "Waiting for your approval…"),
        "signin_bring_instead": (
            "Δεν θέλω σύνδεση: θα φέρω τα έγγραφα",
            "No sign-in: I'll bring the documents",
        ),
        "signin_expired": (
            "Ο κωδικός έληξε. Ζητήστε νέο κωδικό ή συνεχίστε φέρνοντας τα έγγραφα· "
            "ό,τι γράψατε έχει κρατηθεί.",
            "The code has expired. Ask for a new code or go on by bringing the "
            "documents; what you typed is kept.",
        ),
        "signin_refused": (
            "Η σύνδεση δεν εγκρίθηκε. Συνεχίστε φέρνοντας τα έγγραφα· ό,τι γράψατε έχει κρατηθεί.",
            "The sign-in was not approved. Go on by bringing the documents; what you "
            "typed is kept.",
        ),
        "signin_down": (
            "Η υπηρεσία σύνδεσης δεν απαντά τώρα. Συνεχίστε φέρνοντας τα έγγραφα· ό,τι "
            "γράψατε έχει κρατηθεί.",
            "The sign-in service is not answering now. Go on by bringing the documents; "
            "what you typed is kept.",
        ),
        "signin_again": ("Νέος κωδικός", "New code"),
        "signed_in": (
            "Συνδεθήκατε ως {name}. Η σύνδεση λήγει μόνη της ή όταν τελειώσετε.",
            "Signed in as {name}. The sign-in ends by itself or when you finish.",
        ),
        "representation": (
            "Απαιτείται επειδή ο αιτών ενεργεί για άλλο πρόσωπο.",
            "Required because the applicant acts for another person.",
        ),
        # --- counter: the identity check in person -------------------------------------
        "check_title": (
            "Έλεγχος ταυτότητας από κοντά, πριν από κάθε αναζήτηση σε μητρώο",
            "Identity checked in person, before any registry look-up",
        ),
        "check_document": ("Έγγραφο ταυτοποίησης", "Identity document"),
        "check_last4": (
            "4 τελευταίοι χαρακτήρες του αριθμού του",
            "Last 4 characters of its number",
        ),
        "check_for": ("Ο αιτών ενεργεί", "The applicant acts"),
        "for_self": ("για τον εαυτό του", "for themselves"),
        "for_authorised": ("για άλλον, με εξουσιοδότηση", "for another, with an authorisation"),
        "for_legal": ("για άλλον, ως νόμιμος εκπρόσωπος", "for another, as legal representative"),
        "check_record": ("Καταχώριση ελέγχου", "Record the check"),
        "check_needed": (
            "Οι αναζητήσεις σε μητρώα γίνονται μόνο αφού καταχωρίσετε τον έλεγχο ταυτότητας.",
            "Registry look-ups are made only after you record the identity check.",
        ),
        "check_unavailable": (
            "Χωρίς σύνδεση με την πλατφόρμα δεν γίνονται αναζητήσεις: ο αιτών φέρνει τα έγγραφα.",
            "Without the platform, no look-ups are made: the applicant brings the documents.",
        ),
        "checked": (
            "Ταυτότητα ελέγχθηκε ({document}, …{last4}).",
            "Identity checked ({document}, …{last4}).",
        ),
        "last4": (
            "Γράψτε τους 4 τελευταίους χαρακτήρες του αριθμού του εγγράφου (γράμματα ή ψηφία).",
            "Type the last 4 characters of the document's number (letters or digits).",
        ),
        "document_type": ("Επιλέξτε το έγγραφο ταυτοποίησης.", "Choose the identity document."),
    },
)
