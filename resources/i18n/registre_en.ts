<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
<context>
    <name>gui.activity_model</name>
    <message>
        <location filename="../../gui/activity_model.py" line="79"/>
        <source>Réf.</source>
        <translation>Ref.</translation>
    </message>
    <message>
        <location filename="../../gui/activity_model.py" line="80"/>
        <source>Traitement</source>
        <translation>Activity</translation>
    </message>
    <message>
        <location filename="../../gui/activity_model.py" line="81"/>
        <source>Entité</source>
        <translation>Entity</translation>
    </message>
    <message>
        <location filename="../../gui/activity_model.py" line="82"/>
        <source>Service</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../gui/activity_model.py" line="83"/>
        <source>Rôle</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../gui/activity_model.py" line="84"/>
        <source>Bases légales</source>
        <translation>Legal bases</translation>
    </message>
    <message>
        <location filename="../../gui/activity_model.py" line="85"/>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../gui/activity_model.py" line="86"/>
        <source>Complétude</source>
        <translation>Completeness</translation>
    </message>
    <message>
        <location filename="../../gui/activity_model.py" line="87"/>
        <source>Pour le compte de</source>
        <translation>On behalf of</translation>
    </message>
    <message>
        <location filename="../../gui/activity_model.py" line="88"/>
        <source>Sensibles</source>
        <translation>Sensitive</translation>
    </message>
    <message>
        <location filename="../../gui/activity_model.py" line="179"/>
        <source>{status}, terminé le {ended}</source>
        <translation>{status}, ended {ended}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/activity_model.py" line="597"/>
        <source>%n point(s) à compléter</source>
        <translation>
            <numerusform>%n point to complete</numerusform>
            <numerusform>%n points to complete</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gui.activity_view</name>
    <message>
        <location filename="../../gui/activity_view.py" line="44"/>
        <source>Entité</source>
        <translation>Entity</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="45"/>
        <source>Rôle</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="46"/>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="48"/>
        <source>Service</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="51"/>
        <source>Responsable opérationnel</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="53"/>
        <source>Responsables conjoints</source>
        <translation>Joint controllers</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="56"/>
        <source>Pour le compte de</source>
        <translation>On behalf of</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="59"/>
        <source>Terminé le</source>
        <translation>Ended on</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="61"/>
        <source>Informations générales</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="62"/>
        <source>Finalité principale</source>
        <translation>Main purpose</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="64"/>
        <source>Bases légales</source>
        <translation>Legal bases</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="71"/>
        <source>Conditions de l&apos;article 9</source>
        <translation>Art. 9 conditions</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="76"/>
        <source>Personnes concernées</source>
        <translation>Data subjects</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="99"/>
        <source>Catégories de données</source>
        <translation>Data categories</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="100"/>
        <source>Destinataires</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="106"/>
        <source>Transferts hors UE</source>
        <translation>Transfers outside the EU</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="111"/>
        <source>Mesures de sécurité</source>
        <translation>Security measures</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="117"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="119"/>
        <source>Complétude</source>
        <translation>Completeness</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="85"/>
        <source>Durée indiquée par l&apos;import</source>
        <translation>Retention given by the import</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="86"/>
        <source>pas encore de règle calculable</source>
        <translation>no computable rule yet</translation>
    </message>
    <message>
        <location filename="../../gui/activity_view.py" line="92"/>
        <source>Durée non déterminable</source>
        <translation>Period that cannot be determined</translation>
    </message>
    <message>
        <source>Conservation</source>
        <translation type="vanished">Retention</translation>
    </message>
</context>
<context>
    <name>gui.backup_dialog</name>
    <message>
        <location filename="../../gui/backup_dialog.py" line="77"/>
        <source>Restaurer une sauvegarde</source>
        <translation>Restore a backup</translation>
    </message>
    <message>
        <location filename="../../gui/backup_dialog.py" line="98"/>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../gui/backup_dialog.py" line="102"/>
        <source>&amp;Restaurer…</source>
        <translation>&amp;Restore…</translation>
    </message>
    <message>
        <location filename="../../gui/backup_dialog.py" line="115"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../gui/backup_dialog.py" line="115"/>
        <source>Raison</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../gui/backup_dialog.py" line="116"/>
        <source>Taille</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../gui/backup_dialog.py" line="116"/>
        <source>Fichier</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../gui/backup_dialog.py" line="118"/>
        <source>Ce registre est sur un serveur PostgreSQL : ses sauvegardes se font sur le serveur, avec pg_dump (et se restaurent avec pg_restore), par son administrateur.</source>
        <translation>This register is on a PostgreSQL server: it is backed up on the server, with pg_dump (and restored with pg_restore), by its administrator.</translation>
    </message>
    <message>
        <location filename="../../gui/backup_dialog.py" line="127"/>
        <source>Sauvegardes de {database}, la plus récente en premier. Restaurer remplace le registre par la sauvegarde choisie ; l&apos;état actuel est d&apos;abord sauvegardé, pour pouvoir revenir en arrière.</source>
        <translation>Backups of {database}, newest first. Restoring replaces the register with the chosen backup; the current state is backed up first, so that you can go back.</translation>
    </message>
    <message>
        <location filename="../../gui/backup_dialog.py" line="132"/>
        <source>Aucune sauvegarde de {database} pour l&apos;instant : Registre en fait une chaque jour où le registre change, et avant chaque mise à jour.</source>
        <translation>No backup of {database} yet: Registre makes one each day the register changes, and before each upgrade.</translation>
    </message>
    <message>
        <location filename="../../gui/backup_dialog.py" line="168"/>
        <source> (dernière modification le {changed})</source>
        <translation> (last changed {changed})</translation>
    </message>
    <message>
        <location filename="../../gui/backup_dialog.py" line="169"/>
        <source>Remplacer le registre {database}{now} par la sauvegarde du {when} ({reason_0}, {size}) ?

Tout ce qui a été enregistré depuis cette sauvegarde — traitements, règles, inventaires, revues, journal d&apos;audit — sera remplacé par son contenu. L&apos;état actuel est d&apos;abord sauvegardé (« avant une restauration ») : vous pourrez le restaurer à son tour.</source>
        <translation>Replace the register {database}{now} with the backup of {when} ({reason_1}, {backup_size})?

Everything saved since that backup — activities, rules, inventories, reviews, audit log — will be replaced by its content. The current state is backed up first (&apos;before a restore&apos;): you can restore it in turn.</translation>
    </message>
    <message>
        <location filename="../../gui/backup_dialog.py" line="187"/>
        <source>Enregistrez ou abandonnez d&apos;abord la modification en cours du traitement.</source>
        <translation>First save or discard the change being made to the activity.</translation>
    </message>
    <message>
        <location filename="../../gui/backup_dialog.py" line="206"/>
        <source>Restauration en cours…</source>
        <translation>Restoring…</translation>
    </message>
    <message>
        <location filename="../../gui/backup_dialog.py" line="254"/>
        <source>&amp;Restaurer une sauvegarde…</source>
        <translation>Restore a &amp;backup…</translation>
    </message>
</context>
<context>
    <name>gui.database_dialog</name>
    <message>
        <location filename="../../gui/database_dialog.py" line="88"/>
        <source>Base de données du registre</source>
        <translation>Register database</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="93"/>
        <source>Un &amp;fichier sur cet ordinateur ou un dossier partagé (SQLite)</source>
        <translation>A &amp;file on this computer or a shared folder (SQLite)</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="97"/>
        <source>Un &amp;serveur PostgreSQL, partagé par le groupe</source>
        <translation>A PostgreSQL &amp;server, shared by the group</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="102"/>
        <source>&amp;Parcourir…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="132"/>
        <source>&amp;Base :</source>
        <translation>&amp;Database:</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="133"/>
        <source>&amp;Utilisateur :</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="134"/>
        <source>&amp;Mot de passe :</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="144"/>
        <source>Registre n&apos;enregistre jamais le mot de passe : il sert pour cette session. Pour ouvrir le registre partagé sans le retaper, mettez-le dans ~/.pgpass (ou le fichier nommé par PGPASSFILE), une ligne serveur:port:base:utilisateur:mot de passe, droits 0600.</source>
        <translation>Registre never stores the password: it serves this session only. To open the shared register without typing it again, put it in ~/.pgpass (or the file named by PGPASSFILE), one line host:port:database:user:password, mode 0600.</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="155"/>
        <source>&amp;Tester la connexion</source>
        <translation>&amp;Test the connection</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="162"/>
        <source>&amp;Ouvrir ce registre</source>
        <translation>&amp;Open this register</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="164"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="217"/>
        <source>Indiquez le fichier du registre.</source>
        <translation>Give the register&apos;s file.</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="220"/>
        <source>Indiquez le serveur PostgreSQL.</source>
        <translation>Give the PostgreSQL server.</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="222"/>
        <source>Indiquez la base de données.</source>
        <translation>Give the database.</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="224"/>
        <source>Indiquez l&apos;utilisateur.</source>
        <translation>Give the user.</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="246"/>
        <source>Fichier du registre</source>
        <translation>Register file</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="247"/>
        <source>Registre (*.db);;Tous les fichiers (*)</source>
        <translation>Register (*.db);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="265"/>
        <source>Connexion en cours…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="290"/>
        <source>Connexion réussie ({server}). La base est vide : Registre y créera le registre à l&apos;ouverture.</source>
        <translation>Connected ({server}). The database is empty: Registre will create the register there when it opens it.</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="292"/>
        <source>Connexion réussie ({server}) : un registre à jour.</source>
        <translation>Connected ({server}): an up-to-date register.</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="294"/>
        <source>Connexion réussie ({server}) : un registre d&apos;une version précédente, mis à jour à l&apos;ouverture.</source>
        <translation>Connected ({server}): a register from an earlier version, upgraded when it opens.</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="296"/>
        <source>Connexion réussie ({server}), mais ce registre vient d&apos;une version plus récente de Registre : mettez Registre à jour.</source>
        <translation>Connected ({server}), but this register comes from a newer version of Registre: update Registre.</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="299"/>
        <source>Connexion réussie ({server}), mais cette base contient déjà d&apos;autres tables : ce n&apos;est pas un registre. Choisissez une base vide ou un registre.</source>
        <translation>Connected ({server}), but this database already holds other tables: it is not a register. Choose an empty database or a register.</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="321"/>
        <source>Le serveur refuse l&apos;utilisateur « {user} » avec ce mot de passe : vérifiez l&apos;un et l&apos;autre.</source>
        <translation>The server refuses the user &apos;{user}&apos; with this password: check both.</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="324"/>
        <source>Le serveur demande un mot de passe : saisissez-le, ou mettez-le dans ~/.pgpass.</source>
        <translation>The server asks for a password: type it, or put it in ~/.pgpass.</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="327"/>
        <source>L&apos;utilisateur « {user} » n&apos;existe pas sur ce serveur : demandez à son administrateur de le créer (createuser).</source>
        <translation>There is no user &apos;{user}&apos; on this server: ask its administrator to create it (createuser).</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="330"/>
        <source>La base « {database} » n&apos;existe pas sur ce serveur : demandez à son administrateur de la créer (createdb), vide ; Registre y créera le registre.</source>
        <translation>There is no database &apos;{database}&apos; on this server: ask its administrator to create it (createdb), empty; Registre will create the register there.</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="335"/>
        <source>Serveur « {host} » introuvable : vérifiez son nom (et la connexion au réseau).</source>
        <translation>Server &apos;{host}&apos; not found: check its name (and the network connection).</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="339"/>
        <source>Le serveur « {host} » ne répond pas sur le port {port} : PostgreSQL est-il démarré, et le port est-il le bon ?</source>
        <translation>The server &apos;{host}&apos; does not answer on port {port}: is PostgreSQL running, and is the port right?</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="342"/>
        <source>Le serveur « {host} » n&apos;a pas répondu en {test_timeout} secondes : réseau, pare-feu ou VPN ?</source>
        <translation>The server &apos;{host}&apos; did not answer within {test_timeout} seconds: network, firewall or VPN?</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="345"/>
        <source>Le dossier {p} n&apos;existe pas.</source>
        <translation>The folder {p} does not exist.</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="347"/>
        <source>Ce fichier n&apos;est pas un registre (ni une base SQLite).</source>
        <translation>This file is not a register (nor a SQLite database).</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="349"/>
        <source>Connexion impossible : {p}</source>
        <translation>Cannot connect: {p}</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="364"/>
        <source>Ouverture du registre…</source>
        <translation>Opening the register…</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="427"/>
        <source>&amp;Base de données…</source>
        <translation>&amp;Database…</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="130"/>
        <source>Ser&amp;veur :</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <location filename="../../gui/database_dialog.py" line="131"/>
        <source>Po&amp;rt :</source>
        <translation>Po&amp;rt:</translation>
    </message>
    <message>
        <source>&amp;Serveur :</source>
        <translation type="vanished">&amp;Host:</translation>
    </message>
    <message>
        <source>P&amp;ort :</source>
        <translation type="vanished">P&amp;ort:</translation>
    </message>
</context>
<context>
    <name>gui.dialogs</name>
    <message>
        <location filename="../../gui/dialogs.py" line="87"/>
        <source>Dupliquer le traitement</source>
        <translation>Duplicate the activity</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="97"/>
        <source>Nouvelle &amp;référence :</source>
        <translation>New &amp;reference:</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="99"/>
        <source>&amp;Dans l&apos;entité :</source>
        <translation>&amp;Into the entity:</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="102"/>
        <source>Dupliquer</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="71"/>
        <location filename="../../gui/dialogs.py" line="103"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="45"/>
        <source>Oui</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="46"/>
        <source>Non</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="69"/>
        <source>&amp;Enregistrer</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="70"/>
        <source>&amp;Ne pas enregistrer</source>
        <translation>&amp;Don&apos;t save</translation>
    </message>
</context>
<context>
    <name>gui.editor</name>
    <message>
        <location filename="../../gui/editor.py" line="77"/>
        <source>Identification et acteurs</source>
        <translation>Identification and actors</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="78"/>
        <source>Finalités et bases légales</source>
        <translation>Purposes and legal bases</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="79"/>
        <source>Personnes et données concernées</source>
        <translation>Data subjects and data categories</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="80"/>
        <source>Destinataires et transferts</source>
        <translation>Recipients and transfers</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="81"/>
        <source>Mesures de sécurité</source>
        <translation>Security measures</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="82"/>
        <source>Analyse d&apos;impact (AIPD)</source>
        <translation>Impact assessment (DPIA)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="83"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="301"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="302"/>
        <source>Conservation</source>
        <translation>Retention</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="303"/>
        <location filename="../../gui/editor.py" line="738"/>
        <source>Référence</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="304"/>
        <source>Données précises, champs…</source>
        <translation>Which data, which fields…</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="305"/>
        <source>Texte qui fixe la durée (ex. CSP R1112-7)</source>
        <translation>Text setting the period (e.g. CSP R1112-7)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="351"/>
        <source> — sensible (art. 9)</source>
        <translation> — sensitive (Art. 9)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="487"/>
        <source>Retirer</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="515"/>
        <source>Nom du destinataire</source>
        <translation>Recipient&apos;s name</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="516"/>
        <source>Contrat (art. 28)</source>
        <translation>Contract (Art. 28)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="520"/>
        <source>France / UE</source>
        <translation>France / EU</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="578"/>
        <source>Destinataire</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="579"/>
        <source>Documentation de la garantie</source>
        <translation>Safeguard documentation</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="596"/>
        <source>— pays —</source>
        <translation>— country —</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="584"/>
        <source>— garantie —</source>
        <translation>— safeguard —</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="609"/>
        <source>Pays adéquat : aucune garantie supplémentaire</source>
        <translation>Adequate country: no further safeguard needed</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="739"/>
        <source>Nom du traitement</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="740"/>
        <source>Rôle</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="741"/>
        <source>Responsables conjoints (un par ligne)</source>
        <translation>Joint controllers (one per line)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="743"/>
        <source>Pour le compte de (un par ligne)</source>
        <translation>On behalf of (one per line)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="746"/>
        <source>Service</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="747"/>
        <source>Responsable opérationnel</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="748"/>
        <source>Courriel</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="749"/>
        <source>Téléphone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="750"/>
        <source>Logiciels et systèmes (un par ligne)</source>
        <translation>Software and systems (one per line)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="762"/>
        <source>Finalité principale</source>
        <translation>Main purpose</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="763"/>
        <source>Sous-finalités (une par ligne)</source>
        <translation>Sub-purposes (one per line)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="765"/>
        <source>Bases légales (art. 6)</source>
        <translation>Legal bases (Art. 6)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="1178"/>
        <source>Conditions de l&apos;art. 9</source>
        <translation>Art. 9 conditions</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="771"/>
        <source>Personnes concernées (une par ligne)</source>
        <translation>Data subjects (one per line)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="773"/>
        <source>Sources des données (une par ligne)</source>
        <translation>Data sources (one per line)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="784"/>
        <source>Catégories de données et conservation</source>
        <translation>Data categories and retention</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="816"/>
        <source>Destinataires</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="817"/>
        <source>Transferts hors UE</source>
        <translation>Transfers outside the EU</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="840"/>
        <source>Critères du CEPD</source>
        <translation>EDPB criteria</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="841"/>
        <source>Liste CNIL (AIPD obligatoire)</source>
        <translation>CNIL list (DPIA mandatory)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="849"/>
        <source>Réalisée le</source>
        <translation>Done on</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="851"/>
        <source>AIPD</source>
        <translation>DPIA</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="852"/>
        <source>Référence de l&apos;AIPD</source>
        <translation>DPIA reference</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="854"/>
        <source>Notes sur l&apos;AIPD</source>
        <translation>Notes on the DPIA</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="858"/>
        <source>— non concerné —</source>
        <translation>— not listed —</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="868"/>
        <source>Notes du DPO sur le traitement</source>
        <translation>DPO&apos;s notes on the activity</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="887"/>
        <source>Abandonner les modifications</source>
        <translation>Revert</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="888"/>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="889"/>
        <source>Valider</source>
        <translation>Validate</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="890"/>
        <source>Marquer le traitement comme vérifié par le DPO (Art. 30 complet)</source>
        <translation>Mark the activity as checked by the DPO (Art. 30 complete)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="1089"/>
        <source>Nouveau traitement</source>
        <translation>New activity</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="1114"/>
        <source>Intérêt légitime : décrivez l&apos;intérêt poursuivi et la mise en balance</source>
        <translation>Legitimate interest: describe the interest pursued and the balancing test</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="1128"/>
        <source>Complétude</source>
        <translation>Completeness</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="1131"/>
        <source> — modifié</source>
        <translation> — edited</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="1143"/>
        <source>AIPD requise (2 critères ou plus, ou type de la liste CNIL)</source>
        <translation>DPIA required (2 criteria or more, or a type on the CNIL list)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="1144"/>
        <source>AIPD non requise au vu des critères cochés</source>
        <translation>DPIA not required by the ticked criteria</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="309"/>
        <source>Règle de conservation…</source>
        <translation>Retention rule…</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="310"/>
        <source>Ouvrir l&apos;éditeur de règles sur cette catégorie (bibliothèque de modèles, aperçu des échéances)</source>
        <translation>Open the rule editor on this category (template library, preview of the deadlines)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="758"/>
        <source>Justification (pourquoi cette base)</source>
        <translation>Justification (why this basis)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="760"/>
        <source>Justification</source>
        <translation>Justification</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="811"/>
        <source>Ajouter un destinataire</source>
        <translation>Add a recipient</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="814"/>
        <source>Ajouter un transfert hors UE</source>
        <translation>Add a transfer outside the EU</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="823"/>
        <source>Précisions (outil, procédure…)</source>
        <translation>Details (tool, procedure…)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="324"/>
        <source>Expression</source>
        <translation>Expression</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="325"/>
        <source>Voir et écrire l&apos;expression de la règle</source>
        <translation>Show and write the rule&apos;s expression</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="353"/>
        <source> — pénale (art. 10)</source>
        <translation> — criminal (Art. 10)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="364"/>
        <source>Expression à corriger</source>
        <translation>Expression to correct</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="371"/>
        <source>Durée indiquée par l&apos;import : {text} (pas encore de règle calculable : écrivez la règle)</source>
        <translation>Retention given by the import: {text} (no computable rule yet: write the rule)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="375"/>
        <source>Durée non déterminable : {criteria}</source>
        <translation>Period that cannot be determined: {criteria}</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="378"/>
        <source>Aucune règle de conservation</source>
        <translation>No retention rule</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="1139"/>
        <source>Rien ne manque au regard de l&apos;article 30.</source>
        <translation>Nothing is missing with regard to Article 30.</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="1179"/>
        <source>Base de l&apos;art. 10 (données pénales)</source>
        <translation>Art. 10 basis (criminal data)</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="1181"/>
        <source>Conditions de l&apos;art. 9 et base de l&apos;art. 10</source>
        <translation>Art. 9 conditions and Art. 10 basis</translation>
    </message>
    <message>
        <location filename="../../gui/editor.py" line="1214"/>
        <source>Critère d&apos;AIPD « données sensibles » coché pour « {category} » (modifiable dans l&apos;analyse d&apos;impact, plus bas).</source>
        <translation>DPIA criterion &apos;sensitive data&apos; ticked for &apos;{category}&apos; (it can be changed in the impact assessment, below).</translation>
    </message>
</context>
<context>
    <name>gui.entity_dialog</name>
    <message>
        <location filename="../../gui/entity_dialog.py" line="59"/>
        <location filename="../../gui/entity_dialog.py" line="67"/>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="59"/>
        <source>Groupe</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="60"/>
        <source>SIREN</source>
        <translation>SIREN</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="60"/>
        <location filename="../../gui/entity_dialog.py" line="238"/>
        <source>FINESS</source>
        <translation>FINESS</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="61"/>
        <location filename="../../gui/entity_dialog.py" line="68"/>
        <source>Adresse</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="63"/>
        <source>Responsable du traitement (direction)</source>
        <translation>Controller (management)</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="64"/>
        <source>Délégué à la protection des données (DPO)</source>
        <translation>Data protection officer (DPO)</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="65"/>
        <source>Représentant (hors UE)</source>
        <translation>Representative (outside the EU)</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="67"/>
        <source>Société</source>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="69"/>
        <source>Téléphone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="69"/>
        <source>Mél</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="84"/>
        <source>Nouvel établissement</source>
        <translation>New establishment</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="86"/>
        <source>Établissement</source>
        <translation>Establishment</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="90"/>
        <source>Identité</source>
        <translation>Identity</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="115"/>
        <location filename="../../gui/entity_dialog.py" line="256"/>
        <source>&amp;Enregistrer</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="116"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="316"/>
        <source>Éta&amp;blissement…</source>
        <translation>Esta&amp;blishment…</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="320"/>
        <source>&amp;Nouvel établissement…</source>
        <translation>Ne&amp;w establishment…</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="95"/>
        <location filename="../../gui/entity_dialog.py" line="237"/>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="219"/>
        <source>Bienvenue dans Registre</source>
        <translation>Welcome to Registre</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="223"/>
        <source>Pour commencer, décrivez l&apos;établissement dont vous tenez le registre. Ces informations figurent sur le registre, ses exports et ses impressions ; vous pourrez les compléter ensuite dans Édition › Établissement…</source>
        <translation>To begin, describe the establishment whose register you keep. This appears on the register, its exports and its printouts; you can complete it later in Edit › Establishment…</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="236"/>
        <source>Nom de l&apos;établissement</source>
        <translation>Establishment&apos;s name</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="239"/>
        <source>DPO : nom</source>
        <translation>DPO: name</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="240"/>
        <source>DPO : mél</source>
        <translation>DPO: email</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="241"/>
        <source>DPO : téléphone</source>
        <translation>DPO: phone</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="246"/>
        <source>Statut : en cas de doute, « Public » (la procédure la plus stricte : l&apos;élimination des dossiers demande le visa des archives).</source>
        <translation>Status: when in doubt, “Public” (the stricter procedure: eliminating records needs the archives&apos; approval).</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="257"/>
        <source>Plus tard</source>
        <translation>Later</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="359"/>
        <source>Aucun établissement n&apos;est encore décrit. &lt;a href=&apos;setup&apos;&gt;Décrire l&apos;établissement…&lt;/a&gt;</source>
        <translation>No establishment is described yet. &lt;a href=&apos;setup&apos;&gt;Describe the establishment…&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../../gui/entity_dialog.py" line="363"/>
        <source>Le registre est vide : &lt;a href=&apos;new&apos;&gt;ajoutez un traitement&lt;/a&gt; (Ctrl+N) ou importez un registre (Fichier › Importer un registre…).</source>
        <translation>The register is empty: &lt;a href=&apos;new&apos;&gt;add an activity&lt;/a&gt; (Ctrl+N) or import a register (File › Import a register…).</translation>
    </message>
</context>
<context>
    <name>gui.history_model</name>
    <message>
        <location filename="../../gui/history_model.py" line="20"/>
        <source>Date</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="20"/>
        <source>Par</source>
        <translation>Who</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="20"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="21"/>
        <source>Champ</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="21"/>
        <source>Avant</source>
        <translation>Before</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="21"/>
        <source>Après</source>
        <translation>After</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="23"/>
        <source>création</source>
        <translation>created</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="23"/>
        <source>modification</source>
        <translation>changed</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="24"/>
        <source>suppression</source>
        <translation>deleted</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="29"/>
        <source>Entité</source>
        <translation>Entity</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="30"/>
        <source>Référence</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="31"/>
        <source>Nom du traitement</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="32"/>
        <source>Rôle</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="33"/>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="34"/>
        <source>Service</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="35"/>
        <source>Responsable opérationnel</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="36"/>
        <source>Finalité principale</source>
        <translation>Main purpose</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="37"/>
        <source>Sous-finalités</source>
        <translation>Sub-purposes</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="38"/>
        <source>Bases légales (art. 6)</source>
        <translation>Legal bases (Art. 6)</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="39"/>
        <source>Conditions de l&apos;art. 9</source>
        <translation>Art. 9 conditions</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="40"/>
        <source>Personnes concernées</source>
        <translation>Data subjects</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="41"/>
        <source>Catégories de données</source>
        <translation>Data categories</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="42"/>
        <source>Sources des données</source>
        <translation>Data sources</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="43"/>
        <source>Destinataires</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="44"/>
        <source>Transferts hors UE</source>
        <translation>Transfers outside the EU</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="45"/>
        <source>Mesures de sécurité</source>
        <translation>Security measures</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="46"/>
        <source>Logiciels et systèmes</source>
        <translation>Software and systems</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="47"/>
        <source>Analyse d&apos;impact (AIPD)</source>
        <translation>Impact assessment (DPIA)</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="48"/>
        <source>Responsables conjoints</source>
        <translation>Joint controllers</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="49"/>
        <source>Pour le compte de</source>
        <translation>On behalf of</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="50"/>
        <source>Notes du DPO sur le traitement</source>
        <translation>DPO&apos;s notes on the activity</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="51"/>
        <source>Créé le</source>
        <translation>Created on</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="52"/>
        <source>Modifié le</source>
        <translation>Updated on</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="53"/>
        <source>Dernière revue</source>
        <translation>Last review</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="54"/>
        <source>Terminé le</source>
        <translation>Ended on</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="81"/>
        <source>oui</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="81"/>
        <source>non</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="82"/>
        <source>critères : {names}</source>
        <translation>criteria: {names}</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="83"/>
        <source>aucun critère</source>
        <translation>no criterion</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="84"/>
        <source>réalisée le {day}</source>
        <translation>done on {day}</translation>
    </message>
    <message>
        <location filename="../../gui/history_model.py" line="85"/>
        <source>{kind} : {name}</source>
        <translation>{kind}: {name}</translation>
    </message>
</context>
<context>
    <name>gui.import_command</name>
    <message>
        <location filename="../../gui/import_command.py" line="123"/>
        <source>Annulation de l&apos;import…</source>
        <translation>Undoing the import…</translation>
    </message>
    <message>
        <location filename="../../gui/import_command.py" line="125"/>
        <source>Rétablissement de l&apos;import…</source>
        <translation>Redoing the import…</translation>
    </message>
</context>
<context>
    <name>gui.io_dialogs</name>
    <message>
        <location filename="../../gui/io_dialogs.py" line="144"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="149"/>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="189"/>
        <source>Annulé : rien n&apos;a été modifié.</source>
        <translation>Cancelled: nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="88"/>
        <location filename="../../gui/io_dialogs.py" line="232"/>
        <source>Importer un registre</source>
        <translation>Import a register</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="239"/>
        <source>&amp;Choisir un fichier…</source>
        <translation>&amp;Choose a file…</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="247"/>
        <location filename="../../gui/io_dialogs.py" line="692"/>
        <source>Fichier :</source>
        <translation>File:</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="248"/>
        <source>Dans l&apos;entité :</source>
        <translation>Into the entity:</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="287"/>
        <source>&amp;Importer</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="325"/>
        <source>(celle du fichier, sinon la première)</source>
        <translation>(the file&apos;s, else the first one)</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="367"/>
        <source>Lecture du fichier…</source>
        <translation>Reading the file…</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="388"/>
        <source>Import terminé dans « {entity} » : {added} ajouté(s), {updated} mis à jour, {unchanged} inchangé(s).</source>
        <translation>Import done into &apos;{entity}&apos;: {added} added, {updated} updated, {unchanged} unchanged.</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="449"/>
        <source>export Registre</source>
        <translation>Registre export</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="451"/>
        <source>modèle CNIL</source>
        <translation>CNIL model</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="453"/>
        <source>modèle APDP</source>
        <translation>APDP model</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="454"/>
        <source>tableau, un traitement par ligne</source>
        <translation>table, one activity per row</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="460"/>
        <source>adresse de l&apos;établissement</source>
        <translation>address of the establishment</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="461"/>
        <source>DPO</source>
        <translation>DPO</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="461"/>
        <source>représentant</source>
        <translation>representative</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="463"/>
        <source>nom</source>
        <translation>name</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="463"/>
        <source>société</source>
        <translation>company</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="464"/>
        <source>téléphone</source>
        <translation>phone</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="464"/>
        <source>adresse mél</source>
        <translation>email</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="478"/>
        <source>Ajouté</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="478"/>
        <source>Nouveau</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="480"/>
        <source>Mis à jour</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="481"/>
        <source>Met à jour l&apos;existant</source>
        <translation>Updates the existing one</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="482"/>
        <source>Inchangé</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="487"/>
        <source>Réf.</source>
        <translation>Ref.</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="487"/>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="488"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="489"/>
        <source>Emplacement</source>
        <translation>Location</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="608"/>
        <source> ({changed} champ(s))</source>
        <translation> ({changed} field(s))</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="499"/>
        <source>ligne {row}</source>
        <translation>row {row}</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="519"/>
        <source>L&apos;entité « {entity} » reçoit les acteurs du fichier : {changes}</source>
        <translation>The entity &apos;{entity}&apos; gets the file&apos;s actors: {changes_2}</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="527"/>
        <source>Avertissements ({notes})</source>
        <translation>Warnings ({notes})</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="569"/>
        <source>Choisissez un fichier : modèle CNIL (.ods, .xlsx), tableau d&apos;un autre outil (.xlsx, .xls, .ods, .fods, .csv) ou export Registre.</source>
        <translation>Choose a file: the CNIL model (.ods, .xlsx), another tool&apos;s table (.xlsx, .xls, .ods, .fods, .csv) or a Registre export.</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="96"/>
        <location filename="../../gui/io_dialogs.py" line="665"/>
        <source>Exporter le registre</source>
        <translation>Export the register</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="667"/>
        <source>Imprimer le registre en PDF</source>
        <translation>Print the register to PDF</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="671"/>
        <source>Tout le groupe</source>
        <translation>Whole group</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="682"/>
        <source>&amp;Parcourir…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="686"/>
        <source>&amp;Exporter</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="688"/>
        <source>&amp;Créer le PDF</source>
        <translation>&amp;Create the PDF</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="691"/>
        <source>Entité :</source>
        <translation>Entity:</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="781"/>
        <source>Registre exporté</source>
        <translation>Register exported</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="782"/>
        <source>PDF du registre créé</source>
        <translation>PDF of the register created</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="814"/>
        <source>&amp;Importer un registre…</source>
        <translation>&amp;Import a register…</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="816"/>
        <source>E&amp;xporter le registre…</source>
        <translation>E&amp;xport the register…</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="818"/>
        <source>Imprimer en &amp;PDF…</source>
        <translation>Print to &amp;PDF…</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="871"/>
        <source>Import : {added} ajouté(s), {updated} mis à jour.</source>
        <translation>Import: {added} added, {updated} updated.</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="469"/>
        <source>{field_words} : {value}</source>
        <translation>{field_words}: {value}</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="584"/>
        <source>Importé ({layout_name}) : {total} traitement(s).</source>
        <translation>Imported ({layout_name}): {total} activities.</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="589"/>
        <source>Aperçu ({layout_name}) : {total} traitement(s) trouvé(s) ; {added} nouveau(x), {updated} mettent à jour un traitement existant, {unchanged} inchangé(s) dans « {entity} ». Rien n&apos;est modifié avant « Importer ».</source>
        <translation>Preview ({layout_name}): {total} activities found; {added} new, {updated} update an existing one, {unchanged} unchanged in &apos;{entity}&apos;. Nothing changes before &apos;Import&apos;.</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="97"/>
        <source>Imprimer en PDF</source>
        <translation>Print to PDF</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="783"/>
        <source>{what} : {path}</source>
        <translation>{what}: {path}</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="757"/>
        <source>{path} existe déjà. Le remplacer ?</source>
        <translation>{path} already exists. Replace it?</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="462"/>
        <source>responsable du traitement</source>
        <translation>controller</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="290"/>
        <source>Annuler l&apos;i&amp;mport</source>
        <translation>&amp;Undo the import</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="292"/>
        <source>Retire les traitements que l&apos;import a ajoutés et remet ceux qu&apos;il a mis à jour comme avant (aussi : Ctrl+Z dans la fenêtre). Après d&apos;autres modifications, annulez-les d&apos;abord.</source>
        <translation>Removes the activities the import added and puts back those it updated as they were (also: Ctrl+Z in the window). After other changes, undo them first.</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="434"/>
        <source>Import annulé : {removed} traitement(s) retiré(s), {restored} restauré(s) comme avant l&apos;import.</source>
        <translation>Import undone: {removed} activities removed, {restored} restored as they were before the import.</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="441"/>
        <source>Import rétabli.</source>
        <translation>Import redone.</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="476"/>
        <source>Laissé de côté</source>
        <translation>Left out</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="535"/>
        <source>Colonne</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="535"/>
        <source>En-tête dans le fichier</source>
        <translation>Header in the file</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="536"/>
        <source>Devient dans le registre</source>
        <translation>Becomes in the register</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="551"/>
        <source>Traitements ({count})</source>
        <translation>Activities ({count})</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="553"/>
        <source>Colonnes du fichier ({used} reprises, {ignored} ignorées)</source>
        <translation>Columns of the file ({used} used, {ignored} ignored)</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="556"/>
        <source>Colonnes du fichier</source>
        <translation>Columns of the file</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="577"/>
        <source>Aucun traitement à importer ({layout_name}). {why}</source>
        <translation>No activity to import ({layout_name}). {why}</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="582"/>
        <source> {left_out} laissé(s) de côté.</source>
        <translation> {left_out} left out.</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="598"/>
        <source> {left_out} ligne(s) décochée(s) : laissée(s) de côté.</source>
        <translation> {left_out} row(s) unticked: left out.</translation>
    </message>
    <message>
        <location filename="../../gui/io_dialogs.py" line="876"/>
        <source>l&apos;import de « {file} »</source>
        <translation>the import of &apos;{file}&apos;</translation>
    </message>
</context>
<context>
    <name>gui.main_window</name>
    <message>
        <location filename="../../gui/main_window.py" line="216"/>
        <source>Registre des traitements (art. 30.1)</source>
        <translation>Register of processing (Art. 30.1)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="218"/>
        <source>Registre du sous-traitant (art. 30.2)</source>
        <translation>Processor register (Art. 30.2)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="224"/>
        <source>Rechercher un traitement, un service, un logiciel…</source>
        <translation>Search an activity, a department, a system…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="238"/>
        <source>Terminés</source>
        <translation>Ended</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="239"/>
        <source>Montrer aussi les traitements terminés (archivés avec leur historique)</source>
        <translation>Also show the ended activities (archived with their history)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="241"/>
        <source>Données sensibles</source>
        <translation>Sensitive data</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="242"/>
        <source>Incomplets</source>
        <translation>Incomplete</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="243"/>
        <source>Complétude inférieure à 100 %</source>
        <translation>Completeness under 100 %</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="277"/>
        <source>&amp;Entité :</source>
        <translation>&amp;Entity:</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="319"/>
        <source>Tous les statuts</source>
        <translation>Any status</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="320"/>
        <source>Tous les rôles</source>
        <translation>Any role</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="357"/>
        <source>Fiche</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="358"/>
        <location filename="../../gui/main_window.py" line="477"/>
        <source>Modifier</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="359"/>
        <source>Historique</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="379"/>
        <source>&amp;Fichier</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="380"/>
        <source>É&amp;dition</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="381"/>
        <source>&amp;Affichage</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="382"/>
        <source>&amp;Langue</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="384"/>
        <source>&amp;Nouveau traitement</source>
        <translation>&amp;New activity</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="386"/>
        <source>&amp;Enregistrer</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="387"/>
        <source>&amp;Actualiser</source>
        <translation>&amp;Reload</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="389"/>
        <source>&amp;Quitter</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="408"/>
        <source>&amp;Modifier le traitement</source>
        <translation>&amp;Edit activity</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="410"/>
        <source>&amp;Valider le traitement</source>
        <translation>&amp;Validate activity</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="412"/>
        <source>D&amp;upliquer le traitement…</source>
        <translation>D&amp;uplicate activity…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="415"/>
        <location filename="../../gui/main_window.py" line="796"/>
        <source>&amp;Terminer le traitement…</source>
        <translation>E&amp;nd activity…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="419"/>
        <source>&amp;Supprimer le traitement…</source>
        <translation>&amp;Delete activity…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="424"/>
        <source>&amp;Rechercher</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="433"/>
        <source>&amp;Colonnes</source>
        <translation>&amp;Columns</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="467"/>
        <source>Barre d&apos;outils</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="486"/>
        <source>Annuler</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="486"/>
        <source>Rétablir</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="562"/>
        <source>Lecture du registre…</source>
        <translation>Reading the register…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="645"/>
        <location filename="../../gui/main_window.py" line="1068"/>
        <source>Tout le groupe</source>
        <translation>Whole group</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="669"/>
        <source>{shown} traitement(s) sur {total}</source>
        <translation>{shown} of {total} activities</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="726"/>
        <source>Les modifications de ce traitement ne sont pas valides et ne peuvent pas être enregistrées. Les abandonner ?</source>
        <translation>The changes to this activity are not valid and cannot be saved. Discard them?</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="795"/>
        <source>&amp;Remettre dans le registre</source>
        <translation>&amp;Restore to the register</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="832"/>
        <source>Complétude : {shown_0} / {shown_1} traitements évalués</source>
        <translation>Completeness: {shown_0} / {shown_1} activities assessed</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="940"/>
        <source>l&apos;ajout de {ref}</source>
        <translation>adding {ref}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="951"/>
        <source>la modification de {ref} ({names})</source>
        <translation>editing {ref} ({names})</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="976"/>
        <source>Ce traitement ne peut pas être validé : {reasons}.</source>
        <translation>This activity cannot be validated: {reasons}.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="983"/>
        <source>la validation de {ref}</source>
        <translation>validating {ref}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="984"/>
        <source>Traitement validé (Ctrl+Z l&apos;annule).</source>
        <translation>Activity validated (Ctrl+Z undoes it).</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="1006"/>
        <source>la duplication de {ref} en {new_ref}</source>
        <translation>duplicating {ref} as {new_ref}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="1017"/>
        <source>Terminer le traitement « {ref} — {name} » au {today:%d/%m/%Y} ? Il quitte le registre mais reste consultable avec son historique (case « Terminés ») ; Ctrl+Z l&apos;annule.</source>
        <translation>End the activity &apos;{ref} — {name}&apos; on {today:%d/%m/%Y}? It leaves the register but stays available with its history (&apos;Ended&apos; box); Ctrl+Z undoes it.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="1025"/>
        <source>la fin de {ref}</source>
        <translation>ending {ref}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="1029"/>
        <source>le retour de {ref} au registre</source>
        <translation>restoring {ref} to the register</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="1036"/>
        <source>Supprimer le traitement « {ref} — {name} » ? Son historique reste dans le journal d&apos;audit ; Ctrl+Z le rétablit.</source>
        <translation>Delete the activity &apos;{ref} — {name}&apos;? Its history stays in the audit log; Ctrl+Z brings it back.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="1043"/>
        <source>la suppression de {ref}</source>
        <translation>deleting {ref}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="461"/>
        <source>Langue du &amp;système</source>
        <translation>&amp;System language</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="476"/>
        <source>Nouveau</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="478"/>
        <source>Valider</source>
        <translation>Validate</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="479"/>
        <source>Supprimer</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="136"/>
        <source>Registre — DÉMONSTRATION — {location}[*]</source>
        <translation>Registre — DEMONSTRATION — {location}[*]</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="312"/>
        <source>Registre de démonstration : établissement et données fictifs. Ne saisissez pas de données réelles ici.</source>
        <translation>Demonstration register: a fictitious establishment and data. Do not enter real data here.</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="733"/>
        <source>Enregistrer les modifications de « {ref} — {name} » ?</source>
        <translation>Save the changes to “{ref} — {name}”?</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="958"/>
        <source>{ref} enregistré à {time} (Ctrl+Z l&apos;annule).</source>
        <translation>{ref} saved at {time} (Ctrl+Z undoes it).</translation>
    </message>
</context>
<context>
    <name>gui.retention</name>
    <message>
        <location filename="../../gui/retention/__init__.py" line="47"/>
        <source>&amp;Conservation</source>
        <translation>&amp;Retention</translation>
    </message>
    <message>
        <location filename="../../gui/retention/__init__.py" line="49"/>
        <source>&amp;Règle de conservation…</source>
        <translation>Retention &amp;rule…</translation>
    </message>
    <message>
        <location filename="../../gui/retention/__init__.py" line="51"/>
        <source>Charger un &amp;inventaire…</source>
        <translation>Load an &amp;inventory…</translation>
    </message>
    <message>
        <location filename="../../gui/retention/__init__.py" line="53"/>
        <source>Revue &amp;trimestrielle…</source>
        <translation>&amp;Quarterly review…</translation>
    </message>
    <message>
        <location filename="../../gui/retention/__init__.py" line="55"/>
        <source>&amp;Gels juridiques…</source>
        <translation>Legal &amp;holds…</translation>
    </message>
    <message>
        <location filename="../../gui/retention/__init__.py" line="59"/>
        <source>Tableau de &amp;bord…</source>
        <translation>&amp;Dashboard…</translation>
    </message>
    <message>
        <location filename="../../gui/retention/__init__.py" line="62"/>
        <source>Afficher les ra&amp;ppels</source>
        <translation>Show the re&amp;minders</translation>
    </message>
    <message>
        <location filename="../../gui/retention/__init__.py" line="69"/>
        <source>Conservation</source>
        <translation>Retention</translation>
    </message>
    <message>
        <location filename="../../gui/retention/__init__.py" line="110"/>
        <source>Choisissez d&apos;abord un traitement.</source>
        <translation>Choose an activity first.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/__init__.py" line="151"/>
        <source>{ref} n&apos;est pas affiché : les filtres du registre le cachent.</source>
        <translation>{ref} is not shown: the register&apos;s filters hide it.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/__init__.py" line="73"/>
        <source>Règle</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../gui/retention/__init__.py" line="74"/>
        <source>Inventaire</source>
        <translation>Inventory</translation>
    </message>
    <message>
        <location filename="../../gui/retention/__init__.py" line="75"/>
        <source>Revue</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../gui/retention/__init__.py" line="76"/>
        <source>Tableau de bord</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../gui/retention/__init__.py" line="194"/>
        <source>{ref} n&apos;est plus dans le registre.</source>
        <translation>{ref} is no longer in the register.</translation>
    </message>
</context>
<context>
    <name>gui.retention.dashboard</name>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="124"/>
        <source>Tableau de bord de la conservation</source>
        <translation>Retention dashboard</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="131"/>
        <source>Au</source>
        <translation>As of</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="134"/>
        <source>Recalculer</source>
        <translation>Compute again</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="138"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="146"/>
        <source>Montrer les conformes</source>
        <translation>Show the records within their period</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="209"/>
        <source>Dernière validation (ou création) il y a plus de 12 mois. Cliquez sur une ligne pour ouvrir le traitement dans le registre.</source>
        <translation>Last validated (or created) more than 12 months ago. Click a row to open the activity in the register.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="259"/>
        <source>T{number} {year}</source>
        <translation>Q{number} {year}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="345"/>
        <source>Calcul des chiffres…</source>
        <translation>Computing the figures…</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="368"/>
        <source>Traitement</source>
        <translation>Activity</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="368"/>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="369"/>
        <source>Dernière revue</source>
        <translation>Last review</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="421"/>
        <source>Enregistrements par statut et par traitement</source>
        <translation>Records by status and activity</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="463"/>
        <source>Traitement (le plus en retard en haut)</source>
        <translation>Activity (most overdue on top)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="466"/>
        <location filename="../../gui/retention/dashboard.py" line="544"/>
        <source>Enregistrements</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="518"/>
        <source>Fins de conservation à venir, par trimestre (deux ans)</source>
        <translation>Retention ending, per quarter (next two years)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="522"/>
        <source>Enregistrements dont la conservation prend fin</source>
        <translation>Records whose retention ends</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="539"/>
        <source>Trimestre de la fin de conservation (le premier à partir du {as_of})</source>
        <translation>Quarter the retention ends (the first from {as_of})</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="575"/>
        <source>  {label} : {count}</source>
        <translation>  {label}: {count}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="577"/>
        <source>  et {activities} autre(s) traitement(s)</source>
        <translation>  and {activities} other activities</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="592"/>
        <source>Complétude du registre</source>
        <translation>Completeness of the register</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="596"/>
        <source>Complétude : {complete} complets sur {total}</source>
        <translation>Completeness: {complete} of {total} complete</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="617"/>
        <source>Contrôles satisfaits</source>
        <translation>Checks passed</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="620"/>
        <source>Traitements</source>
        <translation>Activities</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="635"/>
        <source>{ref} ({completeness} %)</source>
        <translation>{ref} ({completeness}%)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="640"/>
        <source> et {more} autre(s)</source>
        <translation> and {more} more</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="641"/>
        <source>Aucun traitement</source>
        <translation>No activity</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="647"/>
        <source>Non revus depuis 12 mois : {shown} traitement(s) sur {total}</source>
        <translation>Not reviewed for 12 months: {shown} of {total} activities</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="653"/>
        <source>jamais</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="657"/>
        <source>Cliquez pour ouvrir ce traitement dans le registre</source>
        <translation>Click to open this activity in the register</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="351"/>
        <source>Chiffres au {as_of} : {records} enregistrements dans {groups} inventaires, dont {overdue} en retard</source>
        <translation>Figures as of {as_of}: {records} records in {groups} inventories, {overdue} of them overdue</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="498"/>
        <source>{activity_label}
{status_word} : {count}
Cliquez pour l&apos;ouvrir dans le registre.</source>
        <translation>{activity_label}
{status_word}: {count}
Click to open it in the register.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="568"/>
        <source>{quarter_word} (du {start} au {end}) : {totals} enregistrement(s)</source>
        <translation>{quarter_word} ({start} to {end}): {totals} record(s)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="319"/>
        <source>Calcul annulé.</source>
        <translation>Computation cancelled.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="321"/>
        <source> Les chiffres affichés restent ceux du {shown}.</source>
        <translation> The figures shown are still those as of {shown}.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="383"/>
        <source>Sans les enregistrements dont une revue a planifié la purge, comptés à part.</source>
        <translation>Without the records whose purge a review planned, counted apart.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="390"/>
        <source>Enregistrements en retard dont une revue a planifié la purge, à une date qui n&apos;est pas encore passée : une décision est prise. Une date passée sans purge les remet en retard.</source>
        <translation>Overdue records whose purge a review planned, on a day not yet past: a decision was taken. A day past with no purge makes them overdue again.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="476"/>
        <source>Purge planifiée</source>
        <translation>Purge planned</translation>
    </message>
    <message>
        <location filename="../../gui/retention/dashboard.py" line="484"/>
        <source>{activity_label}
{word} : {count}
Cliquez pour l&apos;ouvrir dans le registre.</source>
        <translation>{activity_label}
{word}: {count}
Click to open it in the register.</translation>
    </message>
</context>
<context>
    <name>gui.retention.holds_screen</name>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="162"/>
        <source>Gels juridiques</source>
        <translation>Legal holds</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="181"/>
        <source>Afficher</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="190"/>
        <source>Nouveau gel juridique</source>
        <translation>New legal hold</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="200"/>
        <location filename="../../gui/retention/holds_screen.py" line="402"/>
        <source>Tout le traitement</source>
        <translation>Whole activity</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="201"/>
        <source>Une catégorie</source>
        <translation>One category</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="202"/>
        <source>Des enregistrements</source>
        <translation>Listed records</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="215"/>
        <source>Collez ici une colonne d&apos;identifiants (un par ligne)</source>
        <translation>Paste a column of record ids here (one a line)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="220"/>
        <source>Depuis un fichier…</source>
        <translation>From a file…</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="224"/>
        <source>Colonne</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="230"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="251"/>
        <source>jusqu&apos;au</source>
        <translation>until</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="261"/>
        <source>Recours, réquisition judiciaire, contrôle… (référence du dossier)</source>
        <translation>Litigation, judicial requisition, audit… (case reference)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="265"/>
        <source>Créer le gel</source>
        <translation>Create the hold</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="269"/>
        <location filename="../../gui/retention/holds_screen.py" line="381"/>
        <source>Traitement</source>
        <translation>Activity</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="270"/>
        <location filename="../../gui/retention/holds_screen.py" line="381"/>
        <source>Portée</source>
        <translation>Covers</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="271"/>
        <source>Catégorie</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="272"/>
        <source>Enregistrements</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="273"/>
        <source>À partir du</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="274"/>
        <location filename="../../gui/retention/holds_screen.py" line="382"/>
        <source>Motif</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="297"/>
        <source>Terminer le gel</source>
        <translation>End the hold</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="301"/>
        <source>Le gel couvre les jours jusqu&apos;à la veille de cette date ; les échéances sont reportées d&apos;autant.</source>
        <translation>The hold covers the days up to the day before this date; deadlines move by as many days.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="307"/>
        <source>Fin le</source>
        <translation>Ends on</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="377"/>
        <source>Actifs et terminés</source>
        <translation>Active and ended</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="377"/>
        <source>Actifs</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="378"/>
        <source>Terminés</source>
        <translation>Ended</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="382"/>
        <source>Du</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="382"/>
        <source>Au</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="383"/>
        <source>Créé par</source>
        <translation>Created by</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="383"/>
        <source>État</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="400"/>
        <source>Catégorie {category}</source>
        <translation>Category {category}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="406"/>
        <source>Terminé le {ends_on}</source>
        <translation>Ended on {ends_on}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="408"/>
        <source>À venir (le {starts_on})</source>
        <translation>From {starts_on}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="411"/>
        <source>Actif — fin le {ends_on}</source>
        <translation>Active — ends {ends_on}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="467"/>
        <source>{active} actif(s), {holds} terminé(s)</source>
        <translation>{active} active, {holds} ended</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="514"/>
        <source>Choisissez un gel dans la liste.</source>
        <translation>Choose a hold in the list.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="516"/>
        <source>{activity} — {scope_words}, depuis le {starts_on} : {reason}</source>
        <translation>{activity} — {scope_words}, since {starts_on}: {reason}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="544"/>
        <source>Gel juridique {activity} ({scope_words}) terminé le {ends_on}.</source>
        <translation>Legal hold {activity} ({scope_words}) ended on {ends_on}.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="587"/>
        <source>(toutes les catégories)</source>
        <translation>(every category)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="614"/>
        <source>Aucun identifiant.</source>
        <translation>No record id.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="617"/>
        <source>{ids} identifiant(s) : {shown}</source>
        <translation>{ids} record id(s): {shown}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="671"/>
        <source>{name} : colonne « {column_combo} » lue.</source>
        <translation>{name}: column &apos;{column_combo}&apos; read.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="688"/>
        <source>Choisissez d&apos;abord un traitement.</source>
        <translation>Choose an activity first.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="695"/>
        <source>Le traitement {ref} n&apos;a pas de catégorie de données.</source>
        <translation>Activity {ref} has no data category.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="700"/>
        <source>Collez les identifiants des enregistrements à geler, ou lisez-les d&apos;un fichier.</source>
        <translation>Paste the ids of the records to hold, or read them from a file.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="742"/>
        <source>Gel juridique créé : {activity} ({scope_words}) à partir du {starts_on}.</source>
        <translation>Legal hold created: {activity} ({scope_words}) from {starts_on}.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="105"/>
        <source>Choisir un fichier d&apos;identifiants</source>
        <translation>Choose a file of ids</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="764"/>
        <source>Aucun inventaire n&apos;est chargé pour {where} : les identifiants n&apos;ont pas pu être vérifiés.</source>
        <translation>No inventory is loaded for {where}: the record ids could not be checked.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="772"/>
        <source>{count} identifiant(s) absent(s) des inventaires de {where} : {shown}. Le gel les couvre tout de même ; vérifiez-les.</source>
        <translation>{count} record id(s) missing from the inventories of {where}: {shown}. The hold covers them all the same; check them.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/retention/holds_screen.py" line="397"/>
        <source>%n enregistrement(s){where}</source>
        <translation>
            <numerusform>%n record{where}</numerusform>
            <numerusform>%n records{where}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="116"/>
        <source>Retirer un gel saisi par erreur</source>
        <translation>Withdraw a hold put by mistake</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="117"/>
        <source>Retirer le gel {hold} ?

Il disparaît de la liste et ses jours ne reportent plus aucune échéance, comme s&apos;il n&apos;avait jamais existé ; le journal d&apos;audit garde tout ce qu&apos;il disait. Un gel qui a pris fin se termine, il ne se retire pas.

Pourquoi le retirer ?</source>
        <translation>Withdraw the hold {hold}?

It leaves the list and its days no longer move any deadline, as if it had never been; the audit log keeps everything it said. A hold that is over is ended, not withdrawn.

Why withdraw it?</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="288"/>
        <source>Gel sélectionné</source>
        <translation>Selected hold</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="312"/>
        <source>Retirer ce gel…</source>
        <translation>Withdraw this hold…</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="313"/>
        <source>Pour un gel saisi par erreur : il disparaît et ses jours ne comptent plus</source>
        <translation>For a hold put by mistake: it goes and its days no longer count</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="556"/>
        <source>{activity} ({scope_words}, depuis le {starts_on})</source>
        <translation>{activity} ({scope_words}, since {starts_on})</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="568"/>
        <source>Gel juridique {hold} retiré : ses jours ne reportent plus aucune échéance.</source>
        <translation>Legal hold {hold} withdrawn: its days no longer move any deadline.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="413"/>
        <source>Actif depuis aujourd&apos;hui</source>
        <translation>Active since today</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="415"/>
        <source>Actif depuis hier</source>
        <translation>Active since yesterday</translation>
    </message>
    <message>
        <location filename="../../gui/retention/holds_screen.py" line="416"/>
        <source>Actif depuis {days} jours</source>
        <translation>Active for {days} days</translation>
    </message>
    <message>
        <source>Actif depuis {days} j</source>
        <translation type="vanished">Active for {days} d</translation>
    </message>
    <message>
        <source>Terminer le gel sélectionné</source>
        <translation type="vanished">End the selected hold</translation>
    </message>
    <message>
        <source>{record_count} enregistrement(s){where}</source>
        <translation type="vanished">{record_count} record(s){where}</translation>
    </message>
</context>
<context>
    <name>gui.retention.inventory_wizard</name>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="140"/>
        <source>Charger un inventaire</source>
        <translation>Load an inventory</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="156"/>
        <source>Choisir un fichier…</source>
        <translation>Choose a file…</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="162"/>
        <source>Traitement</source>
        <translation>Activity</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="163"/>
        <source>Catégorie</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="164"/>
        <source>Règle</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="165"/>
        <source>Fichier</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="181"/>
        <source>Colonnes</source>
        <translation>Columns</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="188"/>
        <source>Identifiant</source>
        <translation>Record id</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="189"/>
        <source>Étape (actif/archive)</source>
        <translation>Stage (active/archive)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="211"/>
        <source>Charger</source>
        <translation>Load</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="217"/>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="306"/>
        <source>aucune règle de conservation</source>
        <translation>no retention rule</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="411"/>
        <source>(aucune)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="423"/>
        <source>(à choisir)</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="448"/>
        <source>Choisissez la colonne de : {missing}</source>
        <translation>Choose the column of: {missing}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="576"/>
        <source> (remplace {replaced})</source>
        <translation> (replaces {replaced})</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="103"/>
        <source>Choisir un inventaire</source>
        <translation>Choose an inventory</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/retention/inventory_wizard.py" line="578"/>
        <source>%n enregistrements chargés{replaced}.</source>
        <translation>
            <numerusform>%n record loaded{replaced}.</numerusform>
            <numerusform>%n records loaded{replaced}.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="208"/>
        <source>Vérifier</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="214"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="252"/>
        <location filename="../../gui/retention/inventory_wizard.py" line="258"/>
        <source>Ligne</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="258"/>
        <source>Colonne</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="258"/>
        <source>Valeur</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="259"/>
        <source>Motif</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="362"/>
        <source>Lecture du début du fichier…</source>
        <translation>Reading the start of the file…</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="391"/>
        <source>environ {row_count} lignes ; aperçu des {shown} premières</source>
        <translation>about {row_count} rows; the first {shown} shown</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="481"/>
        <source>Vérification… %p %</source>
        <translation>Checking… %p%</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="482"/>
        <source>Chargement… %p %</source>
        <translation>Loading… %p%</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="560"/>
        <source> (les {listed} premières sont listées)</source>
        <translation> (the first {listed} are listed)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="562"/>
        <source>{refused} ligne(s) seraient refusées{more} ; rien n&apos;est chargé tant qu&apos;il en reste : corrigez le fichier puis choisissez-le à nouveau.</source>
        <translation>{refused} row(s) would be refused{more}; nothing is loaded while any remains: correct the file, then choose it again.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="568"/>
        <source>Aucune ligne refusée : {records} enregistrements prêts à charger.</source>
        <translation>No row refused: {records} records ready to load.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="387"/>
        <location filename="../../gui/retention/inventory_wizard.py" line="532"/>
        <source>{row_count} lignes ; aperçu des {shown} premières</source>
        <translation>{row_count} rows; the first {shown} shown</translation>
    </message>
    <message>
        <location filename="../../gui/retention/inventory_wizard.py" line="269"/>
        <source>Choisissez le fichier de l&apos;inventaire (CSV ou XLSX, une ligne par enregistrement) : ses premières lignes s&apos;afficheront ici, puis dites quelle colonne donne l&apos;identifiant et chaque date de la règle.</source>
        <translation>Choose the inventory file (CSV or XLSX, one row per record): its first rows will show here; then say which column holds the record id and each date of the rule.</translation>
    </message>
</context>
<context>
    <name>gui.retention.library_updates</name>
    <message>
        <location filename="../../gui/retention/library_updates.py" line="64"/>
        <source>Règle gardée malgré la version {new} du modèle « {title} » : {reason}</source>
        <translation>Rule kept despite version {new} of the template &apos;{title}&apos;: {reason}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/library_updates.py" line="68"/>
        <source>Cette règle vient de la version {old} du modèle « {title} », corrigé depuis (version {new}) : {changes} Pour adopter la correction, choisissez ce modèle dans la bibliothèque ; pour garder la règle, passez par le rappel « règles qui diffèrent de la bibliothèque corrigée ».</source>
        <translation>This rule comes from version {old} of the template &apos;{title}&apos;, corrected since (version {new}): {changes} To adopt the correction, choose this template in the library; to keep the rule, use the reminder &apos;rules that differ from the corrected library&apos;.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/library_updates.py" line="101"/>
        <source>Règles à revoir après la correction de la bibliothèque</source>
        <translation>Rules to review after the library&apos;s correction</translation>
    </message>
    <message>
        <location filename="../../gui/retention/library_updates.py" line="105"/>
        <source>La bibliothèque de règles a été corrigée depuis que ces règles en ont été copiées. Pour chacune, adoptez la version corrigée ou gardez la règle actuelle en disant pourquoi.</source>
        <translation>The rule library was corrected after these rules were copied from it. For each one, adopt the corrected version or keep the current rule and say why.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/library_updates.py" line="122"/>
        <source>Pourquoi la bibliothèque a été corrigée</source>
        <translation>Why the library was corrected</translation>
    </message>
    <message>
        <location filename="../../gui/retention/library_updates.py" line="130"/>
        <source>Pour garder la règle actuelle, dites pourquoi (gardé au registre et au journal) :</source>
        <translation>To keep the current rule, say why (kept in the register and its log):</translation>
    </message>
    <message>
        <location filename="../../gui/retention/library_updates.py" line="140"/>
        <source>Adopter la version corrigée</source>
        <translation>Adopt the corrected version</translation>
    </message>
    <message>
        <location filename="../../gui/retention/library_updates.py" line="143"/>
        <source>Garder la règle actuelle</source>
        <translation>Keep the current rule</translation>
    </message>
    <message>
        <location filename="../../gui/retention/library_updates.py" line="146"/>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../gui/retention/library_updates.py" line="233"/>
        <source>version {old} → {new}</source>
        <translation>version {old} → {new}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/library_updates.py" line="263"/>
        <source>Règle actuelle</source>
        <translation>Current rule</translation>
    </message>
    <message>
        <location filename="../../gui/retention/library_updates.py" line="264"/>
        <source>Version corrigée</source>
        <translation>Corrected version</translation>
    </message>
    <message>
        <location filename="../../gui/retention/library_updates.py" line="267"/>
        <source>Aucune règle ne diffère de la bibliothèque corrigée.</source>
        <translation>No rule differs from the corrected library.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/library_updates.py" line="271"/>
        <source>Règle actuelle (modèle version {version})</source>
        <translation>Current rule (template version {version})</translation>
    </message>
    <message>
        <location filename="../../gui/retention/library_updates.py" line="273"/>
        <source>Version corrigée (version {version})</source>
        <translation>Corrected version (version {version})</translation>
    </message>
    <message>
        <location filename="../../gui/retention/library_updates.py" line="285"/>
        <source>Sort final</source>
        <translation>Final action</translation>
    </message>
    <message>
        <location filename="../../gui/retention/library_updates.py" line="286"/>
        <source>Référence</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../../gui/retention/library_updates.py" line="301"/>
        <source>adoption du modèle corrigé pour {ref} ({category})</source>
        <translation>adopting the corrected template for {ref} ({category})</translation>
    </message>
    <message>
        <location filename="../../gui/retention/library_updates.py" line="312"/>
        <source>Dites pourquoi vous gardez la règle actuelle : la justification est gardée au registre.</source>
        <translation>Say why you keep the current rule: the justification is kept in the register.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/library_updates.py" line="317"/>
        <source>règle gardée malgré la correction pour {ref} ({category})</source>
        <translation>rule kept despite the correction for {ref} ({category})</translation>
    </message>
</context>
<context>
    <name>gui.retention.reminders</name>
    <message>
        <location filename="../../gui/retention/reminders.py" line="67"/>
        <source>Rappels</source>
        <translation>Reminders</translation>
    </message>
    <message>
        <location filename="../../gui/retention/reminders.py" line="72"/>
        <source>Masquer les rappels</source>
        <translation>Hide the reminders</translation>
    </message>
    <message>
        <location filename="../../gui/retention/reminders.py" line="153"/>
        <source>Reprendre la revue {title}</source>
        <translation>Resume review {title}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/reminders.py" line="155"/>
        <source>Démarrer la revue</source>
        <translation>Start the review</translation>
    </message>
    <message>
        <location filename="../../gui/retention/reminders.py" line="157"/>
        <source>Aucune revue trimestrielle de conservation n&apos;a encore été signée. {action}</source>
        <translation>No quarterly retention review has been signed yet. {action}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/reminders.py" line="162"/>
        <source>La revue trimestrielle est due depuis le {due_on} (dernière signée : {last}). {action}</source>
        <translation>The quarterly review is due since {due_on} (last signed: {last}). {action}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/reminders.py" line="171"/>
        <source>(depuis {days} j)</source>
        <translation>({days} days)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/reminders.py" line="173"/>
        <source>Gels juridiques sans date de fin ouverts depuis plus d&apos;un an : {links}</source>
        <translation>Legal holds without an end date open for more than a year: {links}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/reminders.py" line="182"/>
        <source> et {rest} autre(s)</source>
        <translation> and {rest} more</translation>
    </message>
    <message>
        <location filename="../../gui/retention/reminders.py" line="184"/>
        <source>AIPD requise mais non réalisée ({count} traitement(s)) : {named}</source>
        <translation>DPIA required but not done ({count} activit{y}): {named}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/reminders.py" line="313"/>
        <source>{ref} est masqué par les filtres de la liste.</source>
        <translation>{ref} is hidden by the list&apos;s filters.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/reminders.py" line="282"/>
        <source>Rappels indisponibles : {error}</source>
        <translation>Reminders unavailable: {error_2}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/reminders.py" line="189"/>
        <source>Voir les différences</source>
        <translation>See the differences</translation>
    </message>
    <message>
        <location filename="../../gui/retention/reminders.py" line="191"/>
        <source>1 règle diffère de la bibliothèque corrigée.</source>
        <translation>1 rule differs from the corrected library.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/reminders.py" line="193"/>
        <source>{count} règles diffèrent de la bibliothèque corrigée.</source>
        <translation>{count} rules differ from the corrected library.</translation>
    </message>
</context>
<context>
    <name>gui.retention.review_screen</name>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="86"/>
        <source>En retard</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="87"/>
        <source>À échéance (trimestre)</source>
        <translation>Due next quarter</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="88"/>
        <source>À archiver</source>
        <translation>Archive due</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="89"/>
        <source>Gel juridique</source>
        <translation>On legal hold</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="90"/>
        <source>Indéterminés</source>
        <translation>Undetermined</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="91"/>
        <source>Conformes</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="94"/>
        <source>Purge planifiée</source>
        <translation>Purge planned</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="95"/>
        <source>Purge effectuée</source>
        <translation>Purge done</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="97"/>
        <source>Règle révisée</source>
        <translation>Rule revised</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="98"/>
        <source>Accepté (justifié)</source>
        <translation>Accepted (justified)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="101"/>
        <source>Commentaire (facultatif)</source>
        <translation>Comment (optional)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="102"/>
        <source>Référence de la preuve (PV de destruction…)</source>
        <translation>Evidence reference (destruction report…)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="103"/>
        <source>Motif du gel (le gel juridique est créé)</source>
        <translation>Reason of the hold (the legal hold is put in place)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="104"/>
        <source>Ce qui a été révisé</source>
        <translation>What was revised</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="105"/>
        <source>Justification</source>
        <translation>Justification</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="109"/>
        <source>Retard</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="110"/>
        <source>Échéance</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="111"/>
        <source>Archiver</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="112"/>
        <source>Gel</source>
        <translation>Hold</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="113"/>
        <source>Indét.</source>
        <translation>Undet.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="114"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="154"/>
        <source>Revue trimestrielle de conservation</source>
        <translation>Quarterly retention review</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="167"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="174"/>
        <location filename="../../gui/retention/review_screen.py" line="356"/>
        <source>Au</source>
        <translation>As of</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="175"/>
        <source>Horizon (jours)</source>
        <translation>Horizon (days)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="223"/>
        <location filename="../../gui/retention/review_screen.py" line="250"/>
        <location filename="../../gui/retention/review_screen.py" line="369"/>
        <source>Décision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="244"/>
        <source>Appliquer à tout le groupe</source>
        <translation>Apply to the group</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="245"/>
        <source>Appliquer aux lignes choisies</source>
        <translation>Apply to the chosen rows</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="248"/>
        <source>Purge le</source>
        <translation>Purge on</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="251"/>
        <location filename="../../gui/retention/review_screen.py" line="369"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="266"/>
        <source>Signature</source>
        <translation>Sign-off</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="272"/>
        <source>Signer la revue</source>
        <translation>Sign the review off</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="275"/>
        <source>DPO signataire</source>
        <translation>Signed by (DPO)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="276"/>
        <source>Prochaine revue</source>
        <translation>Next review</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="356"/>
        <source>Revue</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="358"/>
        <source>Signée par</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="363"/>
        <source>Traitement / catégorie / statut</source>
        <translation>Activity / category / status</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="364"/>
        <source>Enregistrements</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="365"/>
        <source>Décidés</source>
        <translation>Decided</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="367"/>
        <source>Identifiant</source>
        <translation>Record id</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="367"/>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="368"/>
        <source>Jours de retard</source>
        <translation>Days overdue</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="379"/>
        <source>Démarrer la revue {quarter}</source>
        <translation>Start the review {quarter}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="427"/>
        <source>(en cours)</source>
        <translation>(open)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="448"/>
        <source>Aucune revue pour l&apos;instant</source>
        <translation>No review yet</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="454"/>
        <source>Revue {title} au {as_of}</source>
        <translation>Review {title} as of {as_of}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="458"/>
        <source>Signée par {by} le {at} — lecture seule. Prochaine revue : {next_review_on}.</source>
        <translation>Signed off by {by} on {at} — read-only. Next review: {next_review_on}.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="530"/>
        <source>{word} : {before} à la revue {title}, {now} maintenant</source>
        <translation>{word}: {before} at review {title}, {now} now</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="537"/>
        <source>Première revue : </source>
        <translation>First review: </translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="727"/>
        <source>Gel juridique créé sur {which} à compter du {start} (motif : {reason}). Il se termine dans l&apos;écran Gels juridiques.</source>
        <translation>Legal hold created on {which} from {start} (reason: {reason}). End it in the Legal holds screen.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="733"/>
        <source>Déjà sous gel juridique : {which} ; aucun nouveau gel.</source>
        <translation>Already under a legal hold: {which}; no new hold.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/retention/review_screen.py" line="673"/>
        <source>Décision enregistrée pour %n enregistrement(s).</source>
        <translation>
            <numerusform>Decision recorded for %n record.</numerusform>
            <numerusform>Decision recorded for %n records.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="96"/>
        <source>Gel juridique</source>
        <comment>décision</comment>
        <translation>Legal hold</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="368"/>
        <source>Échéance</source>
        <comment>colonne</comment>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="796"/>
        <source>Signer la revue {title} en tant que « {signer} » ? Elle ne pourra plus être modifiée.</source>
        <translation>Sign off review {title} as &apos;{signer}&apos;? It cannot be changed afterwards.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="801"/>
        <source> {undecided} constat(s) restent sans décision.</source>
        <translation> {undecided} finding(s) have no decision.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="609"/>
        <source>Choisissez une ligne de l&apos;arbre (un traitement, une catégorie ou un statut) pour voir ses enregistrements et décider pour eux.</source>
        <translation>Choose a row of the tree (an activity, a category or a status) to see its records and decide for them.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="617"/>
        <source>Les {shown} premiers enregistrements ; une décision pour tout le groupe s&apos;applique aussi aux autres.</source>
        <translation>The first {shown} records; a decision for the whole group also applies to the others.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/retention/review_screen.py" line="621"/>
        <source>%n enregistrement(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="232"/>
        <source>Ouvrir la règle…</source>
        <translation>Open the rule…</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="235"/>
        <source>Lignes choisies : les geler dans toutes les catégories du traitement</source>
        <translation>Chosen rows: hold them in every category of the activity</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="281"/>
        <source>Abandonner cette revue…</source>
        <translation>Abandon this review…</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="282"/>
        <source>Pour une revue démarrée par erreur ou en double : elle disparaît de la liste et son trimestre peut être revu de nouveau</source>
        <translation>For a review started by mistake or twice: it leaves the list and its quarter can be reviewed again</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="424"/>
        <source>(en double : à abandonner)</source>
        <translation>(duplicate: to abandon)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="465"/>
        <source>Une autre revue {title} est en cours : celle-ci est en double. Abandonnez-la (bouton « Abandonner cette revue… ») et poursuivez l&apos;autre.</source>
        <translation>Another review {title} is open: this one is a duplicate. Abandon it (“Abandon this review…”) and carry on with the other.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="535"/>
        <source>Aucune revue signée avant celle-ci : </source>
        <translation>No review signed before this one: </translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="566"/>
        <source>La revue {title} est en cours : poursuivez-la, ou abandonnez-la pour la recommencer.</source>
        <translation>Review {title} is open: carry on with it, or abandon it to start again.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="716"/>
        <source>toutes catégories</source>
        <translation>every category</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="719"/>
        <source>{activity} — {category}, {record_count} enregistrement(s)</source>
        <translation>{activity} — {category}, {record_count} record(s)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_screen.py" line="785"/>
        <source>Revue {title} abandonnée : son trimestre peut être revu de nouveau.</source>
        <translation>Review {title} abandoned: its quarter can be reviewed again.</translation>
    </message>
    <message>
        <source>{activity}/{category}, {record_count} enregistrement(s)</source>
        <translation type="vanished">{activity}/{category}, {record_count} record(s)</translation>
    </message>
</context>
<context>
    <name>gui.retention.review_words</name>
    <message>
        <location filename="../../gui/retention/review_words.py" line="26"/>
        <location filename="../../gui/retention/review_words.py" line="36"/>
        <source>Abandonner la revue</source>
        <translation>Abandon the review</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_words.py" line="27"/>
        <source>Abandonner la revue {title} ? Elle disparaît de la liste et son trimestre pourra être revu de nouveau ; le journal d&apos;audit garde pourquoi, quand et par qui.</source>
        <translation>Abandon review {title}? It leaves the list and its quarter can be reviewed again; the audit log keeps why, when and by whom.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_words.py" line="32"/>
        <source>

Ses {decided} décision(s) seront perdues (les gels juridiques déjà créés restent en place).</source>
        <translation>

Its {decided} decision(s) will be lost (legal holds already created stay in place).</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_words.py" line="35"/>
        <source>

Pourquoi l&apos;abandonner ?</source>
        <translation>

Why abandon it?</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_words.py" line="37"/>
        <source>Garder la revue</source>
        <translation>Keep the review</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_words.py" line="60"/>
        <source>{count} encore conservé(s) à cette date (jusqu&apos;au {latest} au plus tard) : planifiez leur purge après leur fin de conservation</source>
        <translation>{count} still kept on that day (until {latest} at the latest): plan their purge after their end of retention</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_words.py" line="65"/>
        <source>{count} sans fin de conservation calculable (une date manque)</source>
        <translation>{count} whose end of retention cannot be computed (a date is missing)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_words.py" line="69"/>
        <source>{count} sous gel juridique</source>
        <translation>{count} under a legal hold</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_words.py" line="71"/>
        <source> ; </source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_words.py" line="76"/>
        <source>{total} enregistrement(s) ne sont pas dans cette purge : {why}.</source>
        <translation>{total} record(s) are left out of this purge: {why}.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/review_words.py" line="83"/>
        <source>Purge non planifiée : aucun de ces enregistrements ne peut être purgé le {day} : {why}.</source>
        <translation>Purge not planned: none of these records can be purged on {day}: {why}.</translation>
    </message>
</context>
<context>
    <name>gui.retention.rule_builder</name>
    <message>
        <location filename="../../gui/retention/rule_builder.py" line="78"/>
        <source>Assistant : forme de la règle</source>
        <translation>Builder: shape of the rule</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_builder.py" line="108"/>
        <source>ans (au moins jusqu&apos;à cet âge)</source>
        <translation>years old (at least until this age)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_builder.py" line="109"/>
        <source>ans après le décès, s&apos;il survient dans ce délai</source>
        <translation>years after death, if it comes within that time</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_builder.py" line="110"/>
        <source>Si le décès survient moins de ce nombre d&apos;années après l&apos;événement, la conservation s&apos;arrête ce nombre d&apos;années après le décès (CSP R1112-7).</source>
        <translation>If death comes less than that many years after the event, retention ends that many years after death.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_builder.py" line="124"/>
        <source>Forme</source>
        <translation>Shape</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_builder.py" line="125"/>
        <source>Événement de départ</source>
        <translation>Starting event</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_builder.py" line="126"/>
        <source>Durée après l&apos;événement</source>
        <translation>Time after the event</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_builder.py" line="127"/>
        <source>Âge atteint</source>
        <translation>Age reached</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_builder.py" line="128"/>
        <source>Clause de décès</source>
        <translation>Death clause</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_builder.py" line="129"/>
        <source>Phase active</source>
        <translation>Active phase</translation>
    </message>
</context>
<context>
    <name>gui.retention.rule_editor</name>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="59"/>
        <source>Suppression</source>
        <translation>Deletion</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="60"/>
        <source>Anonymisation</source>
        <translation>Anonymisation</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="61"/>
        <source>Versement aux archives publiques</source>
        <translation>Transfer to public archives</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="62"/>
        <source>Tri (sort final T)</source>
        <translation>Sort (final &apos;T&apos;)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="205"/>
        <source>Règle de conservation — {ref}</source>
        <translation>Retention rule — {ref}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="211"/>
        <source>Chercher un modèle (ex. dossier médical)</source>
        <translation>Search a template (e.g. medical record)</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="227"/>
        <source>Bibliothèque de règles</source>
        <translation>Rule library</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="279"/>
        <source>Règle</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="289"/>
        <source>Catégorie</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="293"/>
        <source>Fin de conservation</source>
        <translation>End of retention</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="294"/>
        <location filename="../../gui/retention/rule_editor.py" line="670"/>
        <source>Fin de la phase active</source>
        <translation>End of active phase</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="295"/>
        <source>Sort final</source>
        <translation>Final action</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="296"/>
        <source>Référence légale</source>
        <translation>Legal reference</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="297"/>
        <source>Justification</source>
        <translation>Justification</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="306"/>
        <source>Aperçu : dates d&apos;exemple</source>
        <translation>Preview: example dates</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="327"/>
        <source>Appliquer</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="328"/>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="431"/>
        <source>Référence</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="395"/>
        <location filename="../../gui/retention/rule_editor.py" line="634"/>
        <source>AAAA-MM-JJ</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="668"/>
        <source>Date illisible : </source>
        <translation>Unreadable date: </translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="671"/>
        <source>Dernier jour de conservation</source>
        <translation>Last day of retention</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="683"/>
        <source>indéterminé, il manque : </source>
        <translation>undetermined, missing: </translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="738"/>
        <source>Règle enregistrée.</source>
        <translation>Rule saved.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="503"/>
        <source>✎ modifiée, non appliquée</source>
        <translation>✎ edited, not applied</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="505"/>
        <source>✔ règle définie</source>
        <translation>✔ rule set</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="507"/>
        <source>✘ sans règle</source>
        <translation>✘ no rule</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="63"/>
        <source>Élimination soumise au visa des archives</source>
        <translation>Elimination subject to the archives&apos; visa</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="273"/>
        <source>Voir l&apos;expression</source>
        <translation>Show the expression</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="274"/>
        <source>Les expressions de la règle, telles que le moteur les calcule</source>
        <translation>The rule&apos;s expressions, as the engine computes them</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="283"/>
        <source>En clair</source>
        <translation>In words</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="432"/>
        <source>Valeur : {force}</source>
        <translation>Standing: {force}</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="439"/>
        <source>⚠ Ce modèle ne repose pas sur un texte vérifié ({force}) : vérifiez-le avec votre service juridique avant de l&apos;appliquer.</source>
        <translation>⚠ This template does not rest on a verified text ({force}): check it with your legal department before applying it.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="603"/>
        <source>La règle n&apos;est pas encore lisible : voyez le message sous son expression.</source>
        <translation>The rule cannot be read yet: see the message under its expression.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="606"/>
        <source>Aucune règle : choisissez une forme ci-dessus ou un modèle de la bibliothèque.</source>
        <translation>No rule: pick a shape above or a template of the library.</translation>
    </message>
    <message>
        <location filename="../../gui/retention/rule_editor.py" line="726"/>
        <source>règle de {ref} ({category})</source>
        <translation>rule of {ref} ({category})</translation>
    </message>
    <message>
        <source>Phase active</source>
        <translation type="vanished">Active phase</translation>
    </message>
    <message>
        <source>règle de {ref}/{category}</source>
        <translation type="vanished">rule of {ref}/{category}</translation>
    </message>
</context>
</TS>
