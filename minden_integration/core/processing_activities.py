"""The processing activities of the portal (Art. 30 Abs. 1 DSGVO), declared once: the data of
the register that `processing_register` fills in from the settings and every page states."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PUBLIC_TASK = _("Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit § 3 Abs. 1 DSG NRW.")


@dataclass(frozen=True)
class Processing:
    """One processing activity; its texts may name the facts of `register_facts()` as
    `%(name)s` placeholders."""

    key: str
    name: Promise
    purpose: Promise
    legal_basis: Promise
    data_subjects: Promise
    data: Promise
    recipients: Promise
    retention: Promise
    source: Promise
    measures: Promise
    # The settings the retention period is taken from, for the officer's register.
    retention_settings: tuple[str, ...] = ()


REGISTER: tuple[Processing, ...] = (
    Processing(
        key="page_views",
        name=_("Aufruf der Seiten"),
        purpose=_("Auslieferung der Seiten und Sicherheit des Betriebs."),
        legal_basis=PUBLIC_TASK,
        data_subjects=_("Alle, die das Portal aufrufen."),
        data=_(
            "Damit eine Seite den Browser erreicht, verarbeitet der Server die IP-Adresse, die "
            "aufgerufene Adresse, den Zeitpunkt und die Angaben des Browsers. Das Portal selbst "
            "schreibt beim Lesen kein Zugriffsprotokoll. Seine Fehlermeldungen (etwa zu einer "
            "nicht gefundenen Seite) enthalten die aufgerufene Adresse, aber keine IP-Adresse."
        ),
        recipients=_("Der technische Betrieb des Portals."),
        retention=_(
            "Das Portal speichert keine Aufrufe. Wie lange der Webserver Protokolle aufbewahrt, "
            "steht bei dessen Protokollen."
        ),
        source=_("Der Browser, mit dem die Seite aufgerufen wird."),
        measures=_(
            "Übertragung nur verschlüsselt (HTTPS); keine Inhalte, Schriften oder Skripte "
            "fremder Server; keine Reichweitenmessung."
        ),
    ),
    Processing(
        key="cookies",
        name=_("Cookies"),
        purpose=_(
            "Die Anmeldung festhalten und Formulare vor Missbrauch durch andere Websites schützen."
        ),
        legal_basis=_(
            "§ 25 Abs. 2 Nr. 2 Telekommunikation-Digitale-Dienste-Datenschutz-Gesetz (TDDDG): "
            "unbedingt erforderlich, daher ohne Einwilligung; Art. 6 Abs. 1 Buchst. e DSGVO."
        ),
        data_subjects=_(
            "Wer sich anmeldet oder eine Seite mit einem Formular zum Absenden aufruft."
        ),
        data=_(
            "Das Portal setzt nur technisch notwendige Cookies und keine, die über Seiten hinweg "
            "verfolgen. Das Sitzungs-Cookie „sessionid“ entsteht erst bei der Anmeldung oder "
            "beim Setzen eines neuen Passworts; es hält die Anmeldung fest (auf dem Server: die "
            "Kennung des Kontos). Das Cookie „csrftoken“ schützt Formulare vor Missbrauch durch "
            "andere Websites; es entsteht, wenn eine Seite ein Formular zum Absenden enthält. "
            "Eine Bestätigung nach dem Absenden eines Formulars („messages“) wird gelöscht, "
            "sobald sie angezeigt wurde. Die Sprache wird über die Adresse der Seite gewählt, "
            "nicht über ein Cookie."
        ),
        recipients=_("Niemand außer dem technischen Betrieb."),
        retention=_(
            "Die Sitzung endet mit der Abmeldung, spätestens nach %(session_days)s Tagen; "
            "abgelaufene Sitzungen werden täglich vom Server gelöscht. Das Cookie „csrftoken“ "
            "gilt %(csrf_days)s Tage."
        ),
        source=_("Das Portal selbst."),
        measures=_(
            "Cookies nicht für Skripte lesbar (Sitzung) und im Betrieb nur über HTTPS "
            "gesendet; keine Cookies von Dritten."
        ),
        retention_settings=("SESSION_COOKIE_AGE", "CSRF_COOKIE_AGE"),
    ),
    Processing(
        key="accounts",
        name=_("Konten der Mitglieder und Einladungen"),
        purpose=_(
            "Die Mitglieder der Arbeitsgruppen melden sich an, um am Konzept mitzuwirken; die "
            "Stadt lädt neue Mitglieder ein."
        ),
        legal_basis=PUBLIC_TASK,
        data_subjects=_("Mitglieder der Arbeitsgruppen mit einem Konto im Portal."),
        data=_(
            "Name und E-Mail-Adresse (sie ist zugleich der Benutzername), das Passwort nur als "
            "nicht umkehrbarer Prüfwert, wann das Konto angelegt wurde und die letzte "
            "Anmeldung, der letzte Besuch von „Mein Konto“ (damit die Seite zeigt, was seitdem "
            "entschieden wurde). Zur Einladung: wer eingeladen hat, wann, und eine Prüfsumme "
            "des Einladungslinks; der Link selbst steht nur in der E-Mail und gilt "
            "%(invitation_valid_days)s Tage."
        ),
        recipients=_(
            "Die Beschäftigten der Stadt, die das Portal betreuen (Integrationsbeauftragte, "
            "Ratsbüro), und der technische Betrieb."
        ),
        retention=_(
            "Das Konto, bis es gelöscht wird; Mitglieder löschen es unter „Mein Konto“ selbst. "
            "Einladungen werden %(invitation_days)s Tage nach ihrer Verwendung, ihrer Ersetzung "
            "durch eine neuere oder ihrem Ablauf gelöscht, der letzte Besuch von „Mein Konto“ "
            "%(profile_visit_days)s Tage danach."
        ),
        source=_(
            "Name, E-Mail-Adresse und Arbeitsgruppe gibt die Stadt bei der Einladung an; das "
            "Passwort setzt das Mitglied selbst."
        ),
        measures=_(
            "Passwörter nur als gesalzener Prüfwert; Schutz der Anmeldung gegen das Ausprobieren "
            "von Passwörtern; Einladungslinks gelten einmal und befristet; Rollen mit den "
            "geringsten nötigen Rechten, Konten der Verwaltung verwalten nur Administratoren."
        ),
        retention_settings=(
            "PORTAL_RETENTION_INVITATION_DAYS",
            "PORTAL_RETENTION_PROFILE_VISIT_DAYS",
        ),
    ),
    Processing(
        key="memberships",
        name=_("Mitwirkung in den Arbeitsgruppen und Nennung des Namens"),
        purpose=_(
            "Dokumentieren, wer in welcher Arbeitsgruppe mitgewirkt hat, und die Teilnehmenden "
            "der Arbeitsgruppen öffentlich zeigen: Organisation und Rolle, den Namen nur mit "
            "Einwilligung."
        ),
        legal_basis=_(
            "Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit § 3 Abs. 1 DSG NRW; die öffentliche "
            "Nennung des Namens nur mit Einwilligung (Art. 6 Abs. 1 Buchst. a DSGVO), die "
            "jederzeit mit Wirkung für die Zukunft widerrufen werden kann (Art. 7 Abs. 3 DSGVO)."
        ),
        data_subjects=_("Teilnehmende der Arbeitsgruppen, mit oder ohne Konto im Portal."),
        data=_(
            "Name, Organisation und Rolle in der Arbeitsgruppe; die Einwilligung, namentlich "
            "genannt zu werden, mit ihrem Nachweis (Art. 7 Abs. 1 DSGVO): wann und auf welchem "
            "Weg sie erteilt wurde, der Wortlaut der Erklärung und ein Widerruf mit Zeitpunkt."
        ),
        recipients=_(
            "Die Öffentlichkeit (Organisation und Rolle, der Name nur mit Einwilligung), die "
            "Beschäftigten der Stadt, die das Portal betreuen, und der technische Betrieb."
        ),
        retention=_(
            "Als Teil der Dokumentation des Konzepts. Nach einem Widerruf oder dem Löschen des "
            "Kontos wird der Name nirgends mehr gezeigt; beim Löschen des Kontos wird er auch "
            "aus der Mitgliedschaft entfernt. Der Nachweis einer widerrufenen Einwilligung wird "
            "%(consent_days)s Tage nach dem Widerruf gelöscht."
        ),
        source=_(
            "Die Stadt (Teilnahmelisten der Arbeitsgruppen) oder das Mitglied selbst; die "
            "Einwilligung gibt die Person unter „Mein Konto“ oder gegenüber der Stadt."
        ),
        measures=_(
            "Ein Name erscheint nur mit Einwilligung; ein Widerruf entfernt ihn in einem Schritt "
            "überall. Kein Merkmal zur Herkunft oder zum Migrationshintergrund einer Person "
            "(Art. 9 DSGVO)."
        ),
        retention_settings=("PORTAL_RETENTION_CONSENT_DAYS",),
    ),
    Processing(
        key="amendments",
        name=_("Änderungsvorschläge"),
        purpose=_("Beteiligung und nachvollziehbare Dokumentation des Verfahrens."),
        legal_basis=_(
            "Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit § 3 Abs. 1 DSG NRW. Eingereichte "
            "Vorschläge sind öffentlich; mit dem Namen nur mit Einwilligung (Art. 6 Abs. 1 "
            "Buchst. a DSGVO), sonst als „Mitglied der AG …“."
        ),
        data_subjects=_("Mitglieder der Arbeitsgruppen, die Änderungen vorschlagen."),
        data=_(
            "Text, Begründung und Art des Vorschlags, der betroffene Abschnitt, Zeitpunkte, das "
            "Konto der Verfasserin oder des Verfassers und die Arbeitsgruppe und Organisation "
            "zum Zeitpunkt der Einreichung. Ein Änderungsprotokoll hält fest, welches Konto "
            "einen Vorschlag wann geändert hat."
        ),
        recipients=_(
            "Die Öffentlichkeit (eingereichte Vorschläge), die Gremien der Stadt "
            "(Gegenüberstellung der Vorschläge; die ausgestellten Dateien nennen keine Namen), "
            "der technische Betrieb."
        ),
        retention=_(
            "Als Teil der Dokumentation des Konzepts und seiner Versionen. Nach einem Widerruf "
            "der Einwilligung oder dem Löschen des Kontos wird der Name überall entfernt."
        ),
        source=_("Die Verfasserin oder der Verfasser; die Entscheidung trifft die Stadt."),
        measures=_(
            "Ein Entwurf ist nur für sein Konto sichtbar; jede Änderung wird protokolliert; "
            "gleichzeitige Bearbeitungen überschreiben einander nicht."
        ),
    ),
    Processing(
        key="progress_contacts",
        name=_("Ansprechstellen für die Umsetzung der Maßnahmen"),
        purpose=_(
            "Die Ansprechstellen einer Maßnahme melden, wie weit ihre Umsetzung ist; die Stadt "
            "prüft die Meldungen und veröffentlicht sie."
        ),
        legal_basis=PUBLIC_TASK,
        data_subjects=_(
            "Personen mit einem Konto im Portal, die die Stadt als Ansprechstelle einer "
            "Maßnahme benannt hat, meist Beschäftigte der federführenden Organisation."
        ),
        data=_(
            "Für welche Maßnahme und welche Organisation die Person meldet; ihre Meldungen "
            "(Datum, Umsetzungsstand, Bericht, Indikatorwerte) und wer sie wann geprüft hat."
        ),
        recipients=_(
            "Die Öffentlichkeit (nur die Organisation und die veröffentlichten Meldungen, nie "
            "der Name), die Beschäftigten der Stadt, die das Portal betreuen, und der technische "
            "Betrieb."
        ),
        retention=_(
            "Die Benennung, bis die Stadt sie aufhebt oder das Konto gelöscht wird; die "
            "Meldungen als Teil der Dokumentation der Umsetzung, ohne Bezug auf das Konto, "
            "sobald es gelöscht ist."
        ),
        source=_("Die Stadt (Benennung) und die Person selbst (Meldungen)."),
        measures=_(
            "Veröffentlicht wird nur die Organisation; eine Ansprechstelle sieht und meldet nur "
            "für ihre eigenen Maßnahmen; jede Berichtigung wird mit Begründung protokolliert."
        ),
    ),
    Processing(
        key="feedback",
        name=_("Rückmeldungen zur Barrierefreiheit"),
        purpose=_(
            "Bearbeitung und Beantwortung der Rückmeldung nach § 10b Behindertengleichstellungs"
            "gesetz NRW und § 5 BITV NRW (Antwort in der Regel innerhalb von %(reply_days)s "
            "Tagen)."
        ),
        legal_basis=PUBLIC_TASK,
        data_subjects=_("Wer über das Formular eine Barriere meldet."),
        data=_(
            "Die Nachricht, die betroffene Seite und, wenn angegeben, Name und E-Mail-Adresse; "
            "die Antworten der Stadt und wer sie wann gegeben hat."
        ),
        recipients=_(
            "Die Integrationsbeauftragten der Stadt (per E-Mail und im Verwaltungsbereich), das "
            "Ratsbüro (nur lesend), der technische Betrieb."
        ),
        retention=_(
            "Bis zur abschließenden Antwort; Rückmeldung und Antworten werden %(feedback_days)s "
            "Tage nach der abschließenden Antwort gelöscht."
        ),
        source=_("Die Person, die die Rückmeldung sendet."),
        measures=_(
            "Nur die Integrationsbeauftragten bearbeiten Rückmeldungen; die Startseite des "
            "Verwaltungsbereichs zeigt, welche Antwort wann fällig ist."
        ),
        retention_settings=("PORTAL_RETENTION_FEEDBACK_DAYS",),
    ),
    Processing(
        key="subscriptions",
        name=_("Benachrichtigungen per E-Mail"),
        purpose=_(
            "Wer es wünscht, erhält ohne Konto einmal pro Woche eine Zusammenfassung der "
            "Neuigkeiten zum Konzept, zu einer Arbeitsgruppe oder zu einer Maßnahme."
        ),
        legal_basis=_(
            "Einwilligung (Art. 6 Abs. 1 Buchst. a DSGVO), bestätigt über einen Link in einer "
            "E-Mail an die angegebene Adresse; sie kann jederzeit mit Wirkung für die Zukunft "
            "widerrufen werden (Art. 7 Abs. 3 DSGVO), mit dem Link in jeder E-Mail."
        ),
        data_subjects=_("Wer Benachrichtigungen per E-Mail anfordert."),
        data=_(
            "Die E-Mail-Adresse, was sie verfolgt (Konzept, Arbeitsgruppe oder Maßnahme), wann "
            "sie angemeldet und bestätigt wurde und wann die letzte Zusammenfassung ging. Keine "
            "Seite zeigt die Adresse."
        ),
        recipients=_(
            "Der Betreiber des Mailservers, über den das Portal versendet, der E-Mail-Anbieter "
            "der Empfängerin oder des Empfängers und der technische Betrieb."
        ),
        retention=_(
            "Eine nicht bestätigte Anmeldung wird nach %(subscription_days)s Tagen gelöscht, "
            "eine bestätigte sofort beim Abbestellen."
        ),
        source=_("Die Person, die die Benachrichtigungen anfordert."),
        measures=_(
            "Bestätigung in zwei Schritten (Double-Opt-in) mit signierten, befristeten Links; "
            "das Öffnen eines Links allein ändert nichts; Begrenzung der Anfragen je "
            "Anschluss und je Adresse; Abbestellen mit einem Klick (RFC 8058)."
        ),
        retention_settings=("PORTAL_RETENTION_SUBSCRIPTION_UNCONFIRMED_DAYS",),
    ),
    Processing(
        key="throttling",
        name=_("Schutz der Anmeldung"),
        purpose=_(
            "Schutz der Konten vor dem Ausprobieren von Passwörtern: Nach %(failures)s "
            "Fehlversuchen von einer Adresse ist die Anmeldung von dort für %(minutes)s Minuten "
            "gesperrt. Nach mehreren Fehlversuchen für ein Konto wartet jeder weitere Versuch "
            "etwas länger, höchstens %(wait_seconds)s Sekunden; die Inhaberin oder der Inhaber "
            "des Kontos erhält dann einmal eine E-Mail. Schutz der Formulare vor massenhaften "
            "Anfragen."
        ),
        legal_basis=_(
            "Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit § 3 Abs. 1 DSG NRW und Art. 32 DSGVO."
        ),
        data_subjects=_(
            "Wer sich im Portal oder im Verwaltungsbereich anzumelden versucht oder die Formulare "
            "zur Barrierefreiheit und zur Echtheitsprüfung nutzt."
        ),
        data=_(
            "Bei einer fehlgeschlagenen Anmeldung: der eingegebene Benutzername, die IP-Adresse, "
            "die Kennung des Browsers (User-Agent), die aufgerufene Adresse, der Zeitpunkt und "
            "die Zahl der Fehlversuche, nie das Passwort; für die Wartezeit eines Kontos nur mit "
            "einem geheimen Schlüssel gebildete Prüfwerte (Hashwerte) von Benutzername und "
            "IP-Adresse. Erfolgreiche Anmeldungen werden nicht protokolliert. Für die Begrenzung "
            "des Formulars zur Barrierefreiheit und der Echtheitsprüfung zählt das Portal die "
            "Anfragen je IP-Adresse, ebenfalls nur unter einem solchen Prüfwert."
        ),
        recipients=_(
            "Niemand außer dem technischen Betrieb; die Aufzeichnungen erscheinen nicht im "
            "Verwaltungsbereich."
        ),
        retention=_(
            "Eine erfolgreiche Anmeldung löscht die Fehlversuche des Kontos. Die Prüfwerte für "
            "die Wartezeit werden nach %(memory_hours)s Stunden ohne weiteren Fehlversuch "
            "gelöscht, die Zählungen der Formulare nach Ablauf ihres Zeitfensters (höchstens ein "
            "Tag); alle übrigen Einträge werden nach %(throttling_days)s Tagen gelöscht (jeweils "
            "bei der täglichen Bereinigung)."
        ),
        source=_("Der Browser, mit dem die Anmeldung versucht wird."),
        measures=_("Keine Aufzeichnung erfolgreicher Anmeldungen und keiner Passwörter."),
        retention_settings=("PORTAL_RETENTION_THROTTLING_DAYS",),
    ),
    Processing(
        key="emails",
        name=_("E-Mails"),
        purpose=_(
            "Einladungen, Links zum Zurücksetzen des Passworts, Hinweise an die Mitglieder auf "
            "eine Beteiligung und auf die Entscheidung über ihre Vorschläge, Rückmeldungen zur "
            "Barrierefreiheit an die Integrationsbeauftragten und deren Antworten."
        ),
        legal_basis=PUBLIC_TASK,
        data_subjects=_(
            "Mitglieder, Beschäftigte der Stadt und wer eine Rückmeldung mit E-Mail-Adresse sendet."
        ),
        data=_("E-Mail-Adresse und Inhalt der Nachrichten, die das Portal versendet."),
        recipients=_(
            "Der Betreiber des Mailservers, über den das Portal versendet, und der E-Mail-Anbieter "
            "der Empfängerin oder des Empfängers."
        ),
        retention=_(
            "Das Portal bewahrt keine Kopien der E-Mails auf; nur die Antworten auf Rückmeldungen "
            "bleiben bei der Rückmeldung gespeichert."
        ),
        source=_("Das Portal selbst."),
        measures=_(
            "Links in E-Mails führen immer zur festen Adresse des Portals, nie zu einer aus der "
            "Anfrage übernommenen."
        ),
    ),
    Processing(
        key="staff",
        name=_("Konten der Verwaltung"),
        purpose=_(
            "Anmeldung und Rechte der Beschäftigten, die das Portal betreuen, und "
            "Nachvollziehbarkeit ihrer Änderungen und Entscheidungen."
        ),
        legal_basis=_("Art. 6 Abs. 1 Buchst. e und Art. 88 DSGVO in Verbindung mit § 18 DSG NRW."),
        data_subjects=_(
            "Beschäftigte der Stadt (Integrationsbeauftragte, Ratsbüro) und Administratoren."
        ),
        data=_(
            "Name, dienstliche E-Mail-Adresse, Rolle, das Passwort als nicht umkehrbarer "
            "Prüfwert, die letzte Anmeldung; im Änderungsprotokoll, welches Konto was wann "
            "geändert oder entschieden hat."
        ),
        recipients=_("Die Administratoren des Portals und der technische Betrieb."),
        retention=_(
            "Das Konto, bis es gelöscht wird; das Änderungsprotokoll als Teil der Dokumentation "
            "des Konzepts."
        ),
        source=_("Die Administratoren der Stadt."),
        measures=_(
            "Konten, Rollen und Rechte verwalten nur Administratoren; das Ratsbüro liest nur."
        ),
    ),
)

# Measures for the whole portal (Art. 32 DSGVO), beside each processing's own.
GENERAL_MEASURES = (
    _("Übertragung nur verschlüsselt (HTTPS mit HSTS)."),
    _(
        "Strenge Content-Security-Policy; keine Inhalte, Schriften, Skripte oder Werkzeuge "
        "zur Reichweitenmessung anderer Anbieter."
    ),
    _(
        "Rollen mit den geringsten nötigen Rechten: Mitglieder sehen nur ihre eigenen Entwürfe, "
        "das Ratsbüro liest nur, Konten der Verwaltung verwalten nur Administratoren."
    ),
    _(
        "Jede Änderung an Vorschlägen, Versionen und Maßnahmen wird mit Konto und Zeit "
        "protokolliert."
    ),
    _("Fristen der Speicherung werden täglich durchgesetzt („purge_personal_data“)."),
)
