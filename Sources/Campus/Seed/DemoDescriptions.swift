/// Demo descriptions of editions and sessions, written in Markdown as staff would write
/// them — lists, emphasis, links — so the demo shows what the renderer does.
enum DemoDescriptions {
    /// An edition's description, by its course's slug and its name; empty for the rest.
    static func edition(course: String, name: String) -> String {
        editions[course + "/" + name] ?? ""
    }

    /// A session's description, by its title; empty for the rest. In Spanish, like the
    /// demo's sessions.
    static func session(_ title: String) -> String {
        if title.hasPrefix("Seminario presencial") { return seminar }
        return sessions[title] ?? ""
    }

    static let editions: [String: String] = [
        "programa-pensamiento-estrategico-urbano/XIX edición": """
            La XIX edición reúne a equipos de gobierno de toda la red durante **ocho meses**. Cada semana combina:

            - una *clase magistral* en línea con quienes han dirigido estrategias urbanas;
            - un diálogo con personas expertas para contrastar los casos;
            - trabajo guiado sobre el caso de su propio municipio.

            A mitad de recorrido, **Durango** acoge el seminario presencial. Quien no conozca el método puede empezar por la cápsula [Qué es una estrategia urbana y para qué sirve](/capsules/capsula-estrategia-urbana).
            """,
        "movilidad-urbana-sostenible/Primer semestre 2027": """
            Una edición pensada para equipos que ya tienen un **plan de movilidad** y quieren ponerlo en marcha:

            1. diagnóstico de los desplazamientos cotidianos, con datos de su ciudad;
            2. calles para caminar y pedalear, con *urbanismo táctico* como primer paso;
            3. transporte público y tarifas, con los casos de Bogotá y Curitiba.

            Antes de empezar, vale la pena leer la [Nueva Agenda Urbana](https://habitat3.org/the-new-urban-agenda/) de ONU-Hábitat.
            """,
        "localizacion-ods/2027 edition": """
            The English-language edition, with its own teaching team and cities from the whole network. You will:

            - map your city's plans against the **17 Sustainable Development Goals**;
            - choose *local* targets and indicators you can actually measure;
            - prepare a voluntary local review.

            The [United Nations' page on the goals](https://sdgs.un.org/goals) is a good place to start.
            """,
        "localizacion-ods/Édition 2026": """
            L'édition en français s'adresse aux villes qui veulent **localiser les ODD** dans leur planification :

            - relier chaque plan municipal aux objectifs ;
            - choisir des indicateurs *locaux* et mesurables ;
            - préparer une revue locale volontaire.

            Pour commencer, la [page des Nations unies sur les objectifs](https://sdgs.un.org/fr/goals).
            """,
    ]

    static let sessions: [String: String] = [
        "Clase magistral de apertura: la ciudad que queremos": """
            Presentación del equipo docente y del calendario. Traiga **una pregunta** sobre el futuro de su ciudad: abrirá el primer debate.
            """,
        "Diálogo con personas expertas: experiencias de ciudades socias": """
            Tres ciudades socias cuentan qué funcionó y qué no:

            - cómo se construyó el acuerdo político;
            - cómo se financiaron los *proyectos estructurantes*;
            - qué indicadores siguen usando hoy.
            """,
        "Clase magistral: del diagnóstico a los proyectos": """
            Cómo pasar de un diagnóstico compartido a una cartera de proyectos. Conviene haber entregado el **ejercicio de diagnóstico** de la semana anterior.
            """,
    ]

    static let seminar = """
        Una jornada de trabajo **en persona**: visitas a los proyectos de la ciudad anfitriona, talleres por grupos y la presentación de los avances de cada estrategia.

        Lleve calzado cómodo: casi todas las visitas son *a pie*.
        """
}
