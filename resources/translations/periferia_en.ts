<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="el">
<context>
    <name>admin</name>
    <message>
        <source>Έξοδος διαχειριστή</source>
        <translation>Administrator exit</translation>
    </message>
    <message>
        <source>PIN διαχειριστή</source>
        <translation>Administrator PIN</translation>
    </message>
    <message>
        <source>Κλείσιμο εφαρμογής</source>
        <translation>Close the app</translation>
    </message>
</context>
<context>
    <name>counter</name>
    <message>
        <source>Σύνδεση υπαλλήλου</source>
        <translation>Clerk sign-in</translation>
    </message>
    <message>
        <source>Κωδικός υπαλλήλου</source>
        <translation>Clerk id</translation>
    </message>
    <message>
        <source>Συνθηματικό</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Σύνδεση</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Αποσύνδεση</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>Συνδεδεμένος/η: {name}</source>
        <translation>Signed in: {name}</translation>
    </message>
    <message>
        <source>Σύνδεση χωρίς δίκτυο (έλεγχος με τα τοπικά στοιχεία).</source>
        <translation>Signed in without the network (checked locally).</translation>
    </message>
    <message>
        <source>Σημερινές αιτήσεις</source>
        <translation>Today&apos;s applications</translation>
    </message>
    <message>
        <source>Νέα αίτηση</source>
        <translation>New application</translation>
    </message>
    <message>
        <source>Συνέχεια πρόχειρης</source>
        <translation>Continue draft</translation>
    </message>
    <message>
        <source>Επανεκτύπωση απόδειξης</source>
        <translation>Reprint receipt</translation>
    </message>
    <message>
        <source>Αίτηση με κωδικό από περίπτερο</source>
        <translation>Application with a kiosk code</translation>
    </message>
    <message>
        <source>Ανανέωση</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Στατιστικά γραφείου</source>
        <translation>Office statistics</translation>
    </message>
    <message>
        <source>{count} αιτήσεις περιμένουν να σταλούν πάνω από μία ώρα (η παλαιότερη από τις {time}). Ελέγξτε τη σύνδεση ή ζητήστε από το τμήμα πληροφορικής να τρέξει «kiosk doctor».</source>
        <translation>{count} applications have waited more than an hour to be sent (the oldest since {time}). Check the connection, or ask IT to run `kiosk doctor`.</translation>
    </message>
    <message>
        <source>Πίσω στη λίστα</source>
        <translation>Back to the list</translation>
    </message>
    <message>
        <source>Ώρα</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Διαδικασία</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Από</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Κατάσταση</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Πρωτόκολλο</source>
        <translation>Protocol no.</translation>
    </message>
    <message>
        <source>Καμία αίτηση σήμερα ακόμη.</source>
        <translation>No applications yet today.</translation>
    </message>
    <message>
        <source>Επιλέξτε πρώτα μια αίτηση από τη λίστα.</source>
        <translation>Choose an application first.</translation>
    </message>
    <message>
        <source>Χρειάζονται προσοχή</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <source>Τίποτα δεν περιμένει διόρθωση.</source>
        <translation>Nothing waits for correction.</translation>
    </message>
    <message>
        <source>{procedure} · {time}: η πλατφόρμα την απέρριψε ({fields}).</source>
        <translation>{procedure} · {time}: refused by the platform ({fields}).</translation>
    </message>
    <message>
        <source>Ανοίξτε την, διορθώστε τα πεδία που σημειώνονται και υποβάλετέ την ξανά.</source>
        <translation>Open it, correct the marked fields and submit it again.</translation>
    </message>
    <message>
        <source>Διόρθωση</source>
        <translation>Correct</translation>
    </message>
    <message>
        <source>Σε σύνδεση</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Χωρίς σύνδεση</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Έλεγχος σύνδεσης…</source>
        <translation>Checking the connection…</translation>
    </message>
    <message>
        <source>Η συσκευή δεν είναι εγγεγραμμένη: οι αιτήσεις μένουν εδώ</source>
        <translation>Device not enrolled: applications stay here</translation>
    </message>
    <message>
        <source>αποστολή…</source>
        <translation>sending…</translation>
    </message>
    <message>
        <source>{count} σε αναμονή</source>
        <translation>{count} waiting</translation>
    </message>
    <message>
        <source>τελευταία επιτυχία {time}</source>
        <translation>last success {time}</translation>
    </message>
    <message>
        <source>Σφάλμα συγχρονισμού — νέα προσπάθεια στις {time}</source>
        <translation>Sync error — trying again at {time}</translation>
    </message>
    <message>
        <source>Φόρτωση στατιστικών…</source>
        <translation>Loading the figures…</translation>
    </message>
    <message>
        <source>Πρόχειρη</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Σε αναμονή αποστολής</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <source>Αποστέλλεται</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>Καταχωρίστηκε</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Σε εξέταση</source>
        <translation>In review</translation>
    </message>
    <message>
        <source>Αποφασίστηκε</source>
        <translation>Decided</translation>
    </message>
    <message>
        <source>Απορρίφθηκε — διόρθωση</source>
        <translation>Refused — correct it</translation>
    </message>
    <message>
        <source>Περίπτερο</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>Γκισέ</source>
        <translation>Counter</translation>
    </message>
</context>
<context>
    <name>dashboard</name>
    <message>
        <source>Πίνακας εξυπηρέτησης γραφείου</source>
        <translation>Office service dashboard</translation>
    </message>
    <message>
        <source>Γραφείο {office} · {first} έως {last}, χωρίς τη σημερινή ημέρα (προστίθεται μόλις κλείσει) · ανώνυμα στοιχεία χρήσης</source>
        <translation>Office {office} · {first} to {last}, without today (added once the day closes) · anonymous usage figures</translation>
    </message>
    <message>
        <source>Εξαγωγή CSV</source>
        <translation>CSV export</translation>
    </message>
    <message>
        <source>Αποθηκεύτηκε: {path} ({rows} τιμές)</source>
        <translation>Saved: {path} ({rows} figures)</translation>
    </message>
    <message>
        <source>Η εξαγωγή απέτυχε: {reason}. Ελέγξτε ότι ο φάκελος υπάρχει και δέχεται εγγραφή.</source>
        <translation>The export failed: {reason}. Check that the folder exists and is writable.</translation>
    </message>
    <message>
        <source>Δεν έχει οριστεί φάκελος εξαγωγής.</source>
        <translation>No export folder has been set.</translation>
    </message>
    <message>
        <source>Δεν υπάρχουν ακόμη στοιχεία χρήσης για αυτή την περίοδο.</source>
        <translation>There are no usage figures for this period yet.</translation>
    </message>
    <message>
        <source>Διαδικασίες</source>
        <translation>Procedures</translation>
    </message>
    <message>
        <source>Διαδικασία</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Ξεκίνησαν</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>Υποβλήθηκαν</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>Ολοκλήρωση</source>
        <translation>Completion</translation>
    </message>
    <message>
        <source>Διάμεσος χρόνος</source>
        <translation>Median time</translation>
    </message>
    <message>
        <source>Ζήτηση ανά ημέρα</source>
        <translation>Demand by day</translation>
    </message>
    <message>
        <source>Ζήτηση ανά ώρα (ώρα Ελλάδας)</source>
        <translation>Demand by hour (Athens time)</translation>
    </message>
    <message>
        <source>Σύνολο {total}. {parts}.</source>
        <translation>Total {total}. {parts}.</translation>
    </message>
    <message>
        <source>Χωρίς στοιχεία για αυτή την περίοδο.</source>
        <translation>No figures for this period.</translation>
    </message>
    <message>
        <source>Αιτήσεις που ξεκίνησαν</source>
        <translation>Applications started</translation>
    </message>
    <message>
        <source>Πού σταματούν στο περίπτερο</source>
        <translation>Where kiosk users stop</translation>
    </message>
    <message>
        <source>Βήμα</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>Σταμάτησαν</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>Έφτασαν</source>
        <translation>Reached</translation>
    </message>
    <message>
        <source>Ποσοστό</source>
        <translation>Share</translation>
    </message>
    <message>
        <source>Πεδία με τα περισσότερα σφάλματα</source>
        <translation>Fields with most validation errors</translation>
    </message>
    <message>
        <source>Πεδίο</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Με σφάλμα</source>
        <translation>With an error</translation>
    </message>
    <message>
        <source>Συχνότερος έλεγχος</source>
        <translation>Most frequent check</translation>
    </message>
    <message>
        <source>Δικαιολογητικά που πρέπει να φέρουν</source>
        <translation>Documents still to bring</translation>
    </message>
    <message>
        <source>Δικαιολογητικό</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Να το φέρουν</source>
        <translation>To bring</translation>
    </message>
    <message>
        <source>Των υποβολών</source>
        <translation>Of submissions</translation>
    </message>
    <message>
        <source>Προτάσεις απλούστευσης</source>
        <translation>Simplification hints</translation>
    </message>
    <message>
        <source>Καμία πρόταση ακόμη: χρειάζονται στοιχεία από περισσότερους αιτούντες.</source>
        <translation>No hints yet: figures from more applicants are needed.</translation>
    </message>
    <message>
        <source>Βήμα «{subject}»: σταματά εδώ το {share} των αιτούντων στο περίπτερο ({abandoned} από {reached}{time}).</source>
        <translation>Step “{subject}”: {share} of kiosk applicants stop here ({abandoned} of {reached}{time}).</translation>
    </message>
    <message>
        <source>, διάμεσος χρόνος στο βήμα {time}</source>
        <translation>, median time on the step {time}</translation>
    </message>
    <message>
        <source>Πεδίο «{subject}»: σφάλμα στο {share} όσων έφτασαν στο βήμα ({errors} από {reached}), συχνότερος έλεγχος «{rule}». Βοήθεια ή παράδειγμα στο πεδίο;</source>
        <translation>Field “{subject}”: {share} of those reaching the step hit an error ({errors} of {reached}), most often “{rule}”. Help text or an example on the field?</translation>
    </message>
    <message>
        <source>Δικαιολογητικό «{subject}»: το φέρνει το {share} των αιτούντων ({bring} από {submitted}), ενώ το τηρεί μητρώο ({registry}, με {identifier}{asks}). Υποψήφιο για Once Only.</source>
        <translation>Document “{subject}”: {share} of applicants bring it ({bring} of {submitted}), yet a registry holds it ({registry}, by {identifier}{asks}). A Once Only candidate.</translation>
    </message>
    <message>
        <source>· η φόρμα ήδη το ζητά</source>
        <translation>; the form already asks it</translation>
    </message>
    <message>
        <source>Πρόβλεψη ζήτησης για την επόμενη εβδομάδα</source>
        <translation>Demand forecast for next week</translation>
    </message>
    <message>
        <source>Μέθοδος: μέσο προφίλ ημέρας και ώρας των τελευταίων {weeks} εβδομάδων × η τάση τους (ευθεία ελαχίστων τετραγώνων στα εβδομαδιαία σύνολα).</source>
        <translation>Method: mean weekday and hour profile of the last {weeks} weeks × their trend (least-squares line through the weekly totals).</translation>
    </message>
    <message>
        <source>{procedure}: τάση ×{trend}· σφάλμα ±{mae} αιτήσεις/ημέρα σε {weeks} προηγούμενες εβδομάδες («όπως την προηγούμενη εβδομάδα»: ±{naive}).</source>
        <translation>{procedure}: trend ×{trend}; error ±{mae} applications/day over {weeks} past weeks (“same as last week”: ±{naive}).</translation>
    </message>
    <message>
        <source>{procedure}: δεν υπάρχουν ακόμη αρκετές εβδομάδες για να μετρηθεί το σφάλμα.</source>
        <translation>{procedure}: not enough weeks yet to measure the error.</translation>
    </message>
</context>
<context>
    <name>dashboard_registries</name>
    <message>
        <source>Φορολογικό Μητρώο ΑΑΔΕ</source>
        <translation>AADE taxpayer registry</translation>
    </message>
    <message>
        <source>ΑΑΔΕ</source>
        <translation>AADE (tax authority)</translation>
    </message>
    <message>
        <source>Μητρώο αστυνομικών ταυτοτήτων</source>
        <translation>Identity card registry</translation>
    </message>
    <message>
        <source>Μητρώο οχημάτων</source>
        <translation>Vehicle registry</translation>
    </message>
    <message>
        <source>Μητρώο επιχειρήσεων</source>
        <translation>Business registry</translation>
    </message>
    <message>
        <source>Μητρώο ακινήτων</source>
        <translation>Property registry</translation>
    </message>
    <message>
        <source>Κτηματολόγιο</source>
        <translation>Hellenic Cadastre</translation>
    </message>
    <message>
        <source>e-ΕΦΚΑ</source>
        <translation>e-EFKA (social security)</translation>
    </message>
    <message>
        <source>ΓΕΜΗ</source>
        <translation>GEMI (business registry)</translation>
    </message>
    <message>
        <source>Ποινικό Μητρώο</source>
        <translation>Criminal record registry</translation>
    </message>
    <message>
        <source>άλλο μητρώο</source>
        <translation>another registry</translation>
    </message>
    <message>
        <source>ΑΦΜ</source>
        <translation>tax number (AFM)</translation>
    </message>
    <message>
        <source>ΑΜΚΑ</source>
        <translation>social security number (AMKA)</translation>
    </message>
    <message>
        <source>αριθμό κυκλοφορίας</source>
        <translation>registration plate</translation>
    </message>
</context>
<context>
    <name>dashboard_rules</name>
    <message>
        <source>υποχρεωτικό, κενό</source>
        <translation>required, left empty</translation>
    </message>
    <message>
        <source>όχι αριθμός</source>
        <translation>not a number</translation>
    </message>
    <message>
        <source>κάτω από το ελάχιστο</source>
        <translation>below the minimum</translation>
    </message>
    <message>
        <source>πάνω από το μέγιστο</source>
        <translation>above the maximum</translation>
    </message>
    <message>
        <source>ποσό</source>
        <translation>amount</translation>
    </message>
    <message>
        <source>πολύ σύντομο</source>
        <translation>too short</translation>
    </message>
    <message>
        <source>πολύ μεγάλο</source>
        <translation>too long</translation>
    </message>
    <message>
        <source>ημερομηνία</source>
        <translation>date</translation>
    </message>
    <message>
        <source>μελλοντική ημερομηνία</source>
        <translation>date in the future</translation>
    </message>
    <message>
        <source>ηλικία κάτω του ορίου</source>
        <translation>under the age limit</translation>
    </message>
    <message>
        <source>ηλικία πάνω από το όριο</source>
        <translation>over the age limit</translation>
    </message>
    <message>
        <source>μη έγκυρος ΑΦΜ</source>
        <translation>invalid AFM</translation>
    </message>
    <message>
        <source>μη έγκυρος ΑΜΚΑ</source>
        <translation>invalid AMKA</translation>
    </message>
    <message>
        <source>ΑΜΚΑ και ημερομηνία γέννησης</source>
        <translation>AMKA and birth date</translation>
    </message>
    <message>
        <source>μη έγκυρο IBAN</source>
        <translation>invalid IBAN</translation>
    </message>
    <message>
        <source>μη έγκυρο τηλέφωνο</source>
        <translation>invalid phone</translation>
    </message>
    <message>
        <source>μη έγκυρο email</source>
        <translation>invalid e-mail</translation>
    </message>
    <message>
        <source>μη έγκυρος ΤΚ</source>
        <translation>invalid postcode</translation>
    </message>
    <message>
        <source>ΤΚ που δεν υπάρχει</source>
        <translation>postcode that does not exist</translation>
    </message>
    <message>
        <source>δήλωση χωρίς αποδοχή</source>
        <translation>declaration not accepted</translation>
    </message>
    <message>
        <source>κανόνας της διαδικασίας</source>
        <translation>the procedure&apos;s rule</translation>
    </message>
    <message>
        <source>Δευ</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>Τρι</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>Τετ</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>Πεμ</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>Παρ</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>Σαβ</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>Κυρ</source>
        <translation>Sun</translation>
    </message>
</context>
<context>
    <name>documents</name>
    <message>
        <source>Δικαιολογητικά</source>
        <translation>Supporting documents</translation>
    </message>
    <message>
        <source>Σαρώστε ή εισαγάγετε κάθε δικαιολογητικό που φέρνει ο αιτών· οι σελίδες γίνονται ένα PDF.</source>
        <translation>Scan or import each document the applicant brings; its pages become one PDF.</translation>
    </message>
    <message>
        <source>Αν έχετε μαζί σας ένα δικαιολογητικό, σαρώστε το εδώ: τοποθετήστε τη σελίδα με την όψη προς τα κάτω στο γυαλί του σαρωτή, κλείστε το καπάκι και πατήστε «Σάρωση σελίδας». Ό,τι δεν σαρώσετε το φέρνετε στο γκισέ.</source>
        <translation>If you have a document with you, scan it here: place the page face down on the scanner&apos;s glass, close the lid and press “Scan a page”. Whatever you do not scan, bring to the counter.</translation>
    </message>
    <message>
        <source>Σάρωση σελίδας</source>
        <translation>Scan a page</translation>
    </message>
    <message>
        <source>Εισαγωγή αρχείου</source>
        <translation>Import a file</translation>
    </message>
    <message>
        <source>Εισαγωγή δικαιολογητικού</source>
        <translation>Import a document</translation>
    </message>
    <message>
        <source>Έγγραφα (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>Documents (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>◀ Νωρίτερα</source>
        <translation>◀ Earlier</translation>
    </message>
    <message>
        <source>Αργότερα ▶</source>
        <translation>Later ▶</translation>
    </message>
    <message>
        <source>Διαγραφή σελίδας</source>
        <translation>Delete page</translation>
    </message>
    <message>
        <source>Νέα σάρωση σελίδας</source>
        <translation>Rescan page</translation>
    </message>
    <message>
        <source>Επισύναψη</source>
        <translation>Attach</translation>
    </message>
    <message>
        <source>Σάρωση…</source>
        <translation>Scanning…</translation>
    </message>
    <message>
        <source>Επεξεργασία…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>{count} σελίδες</source>
        <translation>{count} pages</translation>
    </message>
    <message>
        <source>Σελίδα {number}</source>
        <translation>Page {number}</translation>
    </message>
    <message>
        <source>Να προσκομιστεί</source>
        <translation>To bring</translation>
    </message>
    <message>
        <source>Επισυνάφθηκε ({size} MB)</source>
        <translation>Attached ({size} MB)</translation>
    </message>
    <message>
        <source>Οι σελίδες άλλαξαν· πατήστε «Επισύναψη» για να ενημερωθεί.</source>
        <translation>The pages changed; press “Attach” to update it.</translation>
    </message>
    <message>
        <source>Πίσω στον έλεγχο</source>
        <translation>Back to the review</translation>
    </message>
    <message>
        <source>Δικαιολογητικά: σάρωση ή εισαγωγή</source>
        <translation>Documents: scan or import</translation>
    </message>
    <message>
        <source>Έχετε μαζί σας δικαιολογητικά; Στείλτε τα από εδώ</source>
        <translation>Have your documents with you? Send them from here</translation>
    </message>
    <message>
        <source>Αν έχετε ένα δικαιολογητικό στο κινητό σας ή μπορείτε να το φωτογραφίσετε, πατήστε «Από το κινητό σας». Ό,τι δεν στείλετε το φέρνετε στο γκισέ.</source>
        <translation>If you have a document on your phone or can photograph it, press “From your phone”. Whatever you do not send, bring to the counter.</translation>
    </message>
    <message>
        <source>Επισυνάφθηκαν</source>
        <translation>Attached</translation>
    </message>
    <message>
        <source>Από το κινητό σας</source>
        <translation>From your phone</translation>
    </message>
    <message>
        <source>Σαρώστε αυτόν τον κωδικό QR με την κάμερα του κινητού σας, φωτογραφίστε το έγγραφο ή επιλέξτε αρχείο και πατήστε «Αποστολή». Η σελίδα εμφανίζεται εδώ μόλις φτάσει.</source>
        <translation>Scan this QR code with your phone&apos;s camera, photograph the document or choose a file, and press “Send”. The page shows here as soon as it arrives.</translation>
    </message>
    <message>
        <source>Κωδικός QR για αποστολή από το κινητό</source>
        <translation>QR code to send from your phone</translation>
    </message>
    <message>
        <source>Φωτογραφία</source>
        <translation>Photograph</translation>
    </message>
    <message>
        <source>Φωτογράφιση δικαιολογητικού</source>
        <translation>Photograph a document</translation>
    </message>
    <message>
        <source>Απλώστε τη σελίδα σε επίπεδη, φωτεινή επιφάνεια, ώστε να γεμίζει την εικόνα, και πατήστε «Λήψη».</source>
        <translation>Lay the page on a flat, well-lit surface so that it fills the picture, and press “Take”.</translation>
    </message>
    <message>
        <source>Εικόνα της κάμερας</source>
        <translation>Camera view</translation>
    </message>
    <message>
        <source>Λήψη</source>
        <translation>Take</translation>
    </message>
    <message>
        <source>Άκυρο</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Η κάμερα δεν αποκρίνεται· ελέγξτε ότι είναι συνδεδεμένη και ότι δεν τη χρησιμοποιεί άλλο πρόγραμμα, ή σαρώστε τη σελίδα.</source>
        <translation>The camera does not respond; check that it is plugged in and that no other program is using it, or scan the page.</translation>
    </message>
</context>
<context>
    <name>payments</name>
    <message>
        <source>Κωδικός e-παραβόλου</source>
        <translation>e-Paravolo code</translation>
    </message>
    <message>
        <source>Πληκτρολογήστε τον κωδικό πληρωμής (20 ψηφία ή RF) ή σαρώστε τον με τον αναγνώστη γραμμωτού κώδικα.</source>
        <translation>Type the payment code (20 digits or RF) or scan it with the barcode reader.</translation>
    </message>
    <message>
        <source>Κωδικός για: {fee}</source>
        <translation>Code for: {fee}</translation>
    </message>
    <message>
        <source>Ανάγνωση κωδικού από σάρωση: {fee}</source>
        <translation>Read the code from a scan: {fee}</translation>
    </message>
    <message>
        <source>Ανάγνωση από σάρωση</source>
        <translation>Read from a scan</translation>
    </message>
</context>
<context>
    <name>phone_receipt</name>
    <message>
        <source>Η απόδειξη στο κινητό σας</source>
        <translation>Your receipt on your phone</translation>
    </message>
    <message>
        <source>Σκανάρετε τον κωδικό QR με την κάμερα του κινητού σας και κρατήστε τη σελίδα ή εκτυπώστε την.</source>
        <translation>Scan the QR code with your phone&apos;s camera, then keep the page or print it.</translation>
    </message>
    <message>
        <source>Η απόδειξη ανοίγει μόλις η αίτηση φτάσει στην υπηρεσία και μένει διαθέσιμη 30 ημέρες.</source>
        <translation>The receipt opens as soon as the application reaches the office and stays available for 30 days.</translation>
    </message>
    <message>
        <source>Κωδικός QR της απόδειξης</source>
        <translation>QR code of the receipt</translation>
    </message>
    <message>
        <source>Απόδειξη υποβολής</source>
        <translation>Receipt of application</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>Η απόδειξη εκτυπώθηκε.</source>
        <translation>The receipt was printed.</translation>
    </message>
    <message>
        <source>Δεν βρέθηκε εκτυπωτής. Η απόδειξη εμφανίζεται στην οθόνη· ζητήστε αντίγραφο στο γκισέ.</source>
        <translation>No printer was found. The receipt is shown on screen; ask at the counter for a copy.</translation>
    </message>
    <message>
        <source>Ο εκτυπωτής δεν είναι έτοιμος (χαρτί, καπάκι ή σύνδεση). Η απόδειξη εμφανίζεται στην οθόνη· ζητήστε αντίγραφο στο γκισέ.</source>
        <translation>The printer is not ready (paper, cover or connection). The receipt is shown on screen; ask at the counter for a copy.</translation>
    </message>
    <message>
        <source>Η εκτύπωση απέτυχε. Η απόδειξη εμφανίζεται στην οθόνη· η αίτησή σας έχει καταχωριστεί.</source>
        <translation>Printing failed. The receipt is shown on screen; your application is recorded.</translation>
    </message>
    <message>
        <source>Η εκτύπωση ακυρώθηκε.</source>
        <translation>Printing was cancelled.</translation>
    </message>
</context>
<context>
    <name>receipt_screen</name>
    <message>
        <source>Απόδειξη υποβολής</source>
        <translation>Receipt of application</translation>
    </message>
    <message>
        <source>Εκτύπωση…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>Αποθήκευση ως PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>Πίσω στη λίστα</source>
        <translation>Back to the list</translation>
    </message>
    <message>
        <source>Η απόδειξη αποθηκεύτηκε: {path}</source>
        <translation>The receipt was saved: {path}</translation>
    </message>
    <message>
        <source>Η απόδειξη δεν αποθηκεύτηκε ({path}): επιλέξτε άλλο φάκελο.</source>
        <translation>The receipt was not saved ({path}): choose another folder.</translation>
    </message>
    <message>
        <source>Δεν βρέθηκε εκτυπωτής. Αποθηκεύστε την απόδειξη ως PDF ή δείξτε την στην οθόνη.</source>
        <translation>No printer was found. Save the receipt as PDF or show it on the screen.</translation>
    </message>
    <message>
        <source>Αρχεία PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ui</name>
    <message>
        <source>Περιφέρεια · Εξυπηρέτηση Πολιτών</source>
        <translation>Region · Citizen Services</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Ελληνικά</translation>
    </message>
    <message>
        <source>Μεγάλα γράμματα</source>
        <translation>Large text</translation>
    </message>
    <message>
        <source>ΠΕΡΙΦΕΡΕΙΑ {region}</source>
        <translation>Region of {region}</translation>
    </message>
    <message>
        <source>ΠΕ {unit}</source>
        <translation>Regional Unit of {unit}</translation>
    </message>
    <message>
        <source>Υψηλή αντίθεση</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <source>Καλώς ήρθατε</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <source>Βρείτε τη διαδικασία που σας ενδιαφέρει. Θα σας καθοδηγήσουμε βήμα βήμα και θα μάθετε ποια δικαιολογητικά χρειάζεστε.</source>
        <translation>Find the procedure you need. We will guide you step by step and tell you which documents you need.</translation>
    </message>
    <message>
        <source>Βρείτε τη διαδικασία σας</source>
        <translation>Find your procedure</translation>
    </message>
    <message>
        <source>Πώς γίνεται</source>
        <translation>How it works</translation>
    </message>
    <message>
        <source>1. Βρείτε τη διαδικασία: δείτε ποιος μπορεί να κάνει αίτηση και τι χρειάζεται.</source>
        <translation>1. Find the procedure: see who can apply and what is needed.</translation>
    </message>
    <message>
        <source>2. Συμπληρώστε την αίτηση βήμα βήμα. Όσα έγγραφα τηρεί η υπηρεσία τα αναζητά η ίδια.</source>
        <translation>2. Fill in the application step by step. Documents the administration holds, it fetches itself.</translation>
    </message>
    <message>
        <source>3. Δεν έχετε χρόνο; Αποθηκεύστε την και συνεχίστε εδώ ή στο γκισέ με κωδικό και PIN.</source>
        <translation>3. No time now? Save it and continue here or at the counter with a code and PIN.</translation>
    </message>
    <message>
        <source>Συνέχεια αποθηκευμένης αίτησης</source>
        <translation>Continue a saved application</translation>
    </message>
    <message>
        <source>Τι θέλετε να κάνετε;</source>
        <translation>What do you want to do?</translation>
    </message>
    <message>
        <source>π.χ. άδεια ταξί</source>
        <translation>e.g. taxi licence</translation>
    </message>
    <message>
        <source>Δεν βρέθηκε διαδικασία. Δοκιμάστε άλλες λέξεις.</source>
        <translation>No procedure found. Try other words.</translation>
    </message>
    <message>
        <source>Πίσω</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Αρχική</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>Ξεκινήστε την αίτηση</source>
        <translation>Start the application</translation>
    </message>
    <message>
        <source>Ποιος είναι αρμόδιος</source>
        <translation>Responsible authority</translation>
    </message>
    <message>
        <source>Δικαιολογητικά</source>
        <translation>Supporting documents</translation>
    </message>
    <message>
        <source>Κόστος</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>Χωρίς κόστος</source>
        <translation>No fee</translation>
    </message>
    <message>
        <source>Χρόνος διεκπεραίωσης: {days} ημέρες</source>
        <translation>Processing time: {days} days</translation>
    </message>
    <message>
        <source>Νομικό πλαίσιο</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <source>Ποιος μπορεί να κάνει αίτηση</source>
        <translation>Who can apply</translation>
    </message>
    <message>
        <source>Βήμα {n} από {total}</source>
        <translation>Step {n} of {total}</translation>
    </message>
    <message>
        <source>Συνέχεια</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>Διορθώστε τα πεδία που σημειώνονται για να συνεχίσετε.</source>
        <translation>Correct the marked fields to continue.</translation>
    </message>
    <message>
        <source>Προσθήκη: {item}</source>
        <translation>Add: {item}</translation>
    </message>
    <message>
        <source>Αφαίρεση</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Ελέγξτε την αίτησή σας</source>
        <translation>Check your application</translation>
    </message>
    <message>
        <source>Αλλαγή</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Θα τα φέρετε εσείς</source>
        <translation>You bring these</translation>
    </message>
    <message>
        <source>Τα αναζητά η υπηρεσία — δεν χρειάζεται να τα φέρετε</source>
        <translation>The office fetches these — you need not bring them</translation>
    </message>
    <message>
        <source>Σύνολο: {amount}</source>
        <translation>Total: {amount}</translation>
    </message>
    <message>
        <source>Υποβολή αίτησης</source>
        <translation>Submit the application</translation>
    </message>
    <message>
        <source>Η αίτησή σας καταχωρίστηκε</source>
        <translation>Your application is registered</translation>
    </message>
    <message>
        <source>Αριθμός πρωτοκόλλου: {number}</source>
        <translation>Protocol number: {number}</translation>
    </message>
    <message>
        <source>Δεν υπάρχει σύνδεση αυτή τη στιγμή. Η αίτησή σας φυλάχτηκε με ασφάλεια και θα σταλεί αυτόματα μόλις επανέλθει η σύνδεση.</source>
        <translation>There is no connection right now. Your application is stored safely and will be sent automatically when the connection returns.</translation>
    </message>
    <message>
        <source>Κωδικός αίτησης: {reference}</source>
        <translation>Application code: {reference}</translation>
    </message>
    <message>
        <source>Φέρτε στην υπηρεσία</source>
        <translation>Bring to the office</translation>
    </message>
    <message>
        <source>Δεν χρειάζεται να φέρετε κανένα έγγραφο.</source>
        <translation>You need not bring any document.</translation>
    </message>
    <message>
        <source>Εκτύπωση απόδειξης</source>
        <translation>Print the receipt</translation>
    </message>
    <message>
        <source>Η απόδειξη εκτυπώθηκε.</source>
        <translation>The receipt was printed.</translation>
    </message>
    <message>
        <source>Είστε ακόμα εδώ;</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <source>Ναι</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Όχι</source>
        <translation>No</translation>
    </message>
    <message>
        <source>ΗΗ/ΜΜ/ΕΕΕΕ</source>
        <translation>DD/MM/YYYY</translation>
    </message>
    <message>
        <source>Δώστε το έγγραφο στον υπάλληλο για σάρωση.</source>
        <translation>Hand the document to the clerk to scan.</translation>
    </message>
    <message>
        <source>Η αίτησή σας φυλάχτηκε και αποστέλλεται τώρα στην υπηρεσία…</source>
        <translation>Your application is saved and is being sent to the office now…</translation>
    </message>
    <message>
        <source>Πληκτρολογήστε τον κωδικό και το PIN που δόθηκαν όταν αποθηκεύτηκε η αίτηση.</source>
        <translation>Type the code and the PIN given when the application was saved.</translation>
    </message>
    <message>
        <source>Κωδικός (π.χ. K7M3-PX4A)</source>
        <translation>Code (e.g. K7M3-PX4A)</translation>
    </message>
    <message>
        <source>Αναζήτηση της αίτησης…</source>
        <translation>Looking for the application…</translation>
    </message>
    <message>
        <source>Συνεχίστε σε οποιοδήποτε περίπτερο ή γκισέ αυτού του γραφείου.</source>
        <translation>Continue at any kiosk or counter of this office.</translation>
    </message>
    <message>
        <source>Δεν έχει σταλεί ακόμη στο γραφείο. Μπορείτε να συνεχίσετε εδώ τώρα, ή σε γκισέ μόλις σταλεί· το περίπτερο συνεχίζει να προσπαθεί.</source>
        <translation>Not sent to the office yet. You can continue here now, or at a counter once it has been sent; this kiosk keeps trying.</translation>
    </message>
    <message>
        <source>Αποστολή στο γραφείο…</source>
        <translation>Sending to the office…</translation>
    </message>
    <message>
        <source>Συνεχίστε σε αυτό το περίπτερο.</source>
        <translation>Continue at this kiosk.</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Η αίτηση θα διαγραφεί σε {n} δευτερόλεπτο.|Η αίτηση θα διαγραφεί σε {n} δευτερόλεπτα.</source>
        <translation>The application will be cleared in {n} second.|The application will be cleared in {n} seconds.</translation>
    </message>
    <message>
        <source>Η οθόνη θα επιστρέψει στην αρχή σε {n} δευτερόλεπτο.|Η οθόνη θα επιστρέψει στην αρχή σε {n} δευτερόλεπτα.</source>
        <translation>The screen will go back to the start in {n} second.|The screen will go back to the start in {n} seconds.</translation>
    </message>
    <message>
        <source>Άνοιγμα</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Άκυρο</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Αποθήκευση για αργότερα</source>
        <translation>Save and finish later</translation>
    </message>
    <message>
        <source>Η αίτησή σας αποθηκεύτηκε</source>
        <translation>Your application is saved</translation>
    </message>
    <message>
        <source>Σημειώστε τον κωδικό και το PIN: ισχύουν 3 ημέρες. Το PIN δεν θα ξαναεμφανιστεί.</source>
        <translation>Note the code and the PIN: they are valid for 3 days. The PIN will not be shown again.</translation>
    </message>
    <message>
        <source>Κωδικός: {code}</source>
        <translation>Code: {code}</translation>
    </message>
    <message>
        <source>PIN: {pin}</source>
        <translation>PIN: {pin}</translation>
    </message>
    <message>
        <source>Τέλος</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Κεφαλαία</source>
        <translation>Capitals</translation>
    </message>
    <message>
        <source>Αλλαγή γλώσσας πληκτρολογίου</source>
        <translation>Switch keyboard language</translation>
    </message>
    <message>
        <source>Κενό</source>
        <translation>Space</translation>
    </message>
    <message>
        <source>Διαγραφή χαρακτήρα</source>
        <translation>Delete a character</translation>
    </message>
    <message>
        <source>Επόμενο πεδίο</source>
        <translation>Next field</translation>
    </message>
    <message>
        <source>Τόνος</source>
        <translation>Accent</translation>
    </message>
    <message>
        <source>Διαλυτικά</source>
        <translation>Diaeresis</translation>
    </message>
</context>
<context>
    <name>went_wrong</name>
    <message>
        <source>Κάτι πήγε στραβά</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <source>Λυπούμαστε, παρουσιάστηκε ένα απρόσμενο πρόβλημα. Ό,τι έχετε συμπληρώσει είναι αποθηκευμένο. Το πρόβλημα καταγράφηκε για το τμήμα πληροφορικής.</source>
        <translation>Sorry, an unexpected problem occurred. Everything you have filled in is saved. The problem has been recorded for the IT department.</translation>
    </message>
    <message>
        <source>Επιστροφή στην αρχή</source>
        <translation>Back to the start</translation>
    </message>
</context>
</TS>
