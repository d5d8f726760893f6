/// Demo data: member cities of the six territorial networks and the network's catalog.
///
/// Dates are days from today, so the catalog always shows editions in every state: upcoming,
/// open, closed but not started, running and finished. Texts are the course's own language.
enum DemoData {
    private typealias Organization = DemoShapes.Organization
    private typealias Topic = DemoShapes.Topic
    private typealias Course = DemoShapes.Course
    private typealias Edition = DemoShapes.Edition

    // MARK: - Member cities

    /// Six or seven per territorial network; about a quarter with lapsed membership.
    static let organizations: [DemoShapes.Organization] = [
        // Red Andina
        Organization(name: "Bogotá", country: "CO", network: "andina", activeForDays: 540, domains: ["bogota.gov.co", "concejobogota.gov.co"]),
        Organization(name: "Medellín", country: "CO", network: "andina", activeForDays: 320, domains: ["medellin.gov.co"]),
        Organization(name: "Quito", country: "EC", network: "andina", activeForDays: 210, domains: ["quito.gob.ec"]),
        Organization(name: "Cuenca", country: "EC", network: "andina", activeForDays: 400, domains: ["cuenca.gob.ec"]),
        Organization(name: "Lima", country: "PE", network: "andina", activeForDays: 150, domains: ["munlima.gob.pe"]),
        Organization(name: "La Paz", country: "BO", network: "andina", activeForDays: -45, domains: ["lapaz.gob.bo"]),
        Organization(name: "Caracas", country: "VE", network: "andina", activeForDays: -260, domains: ["caracas.gob.ve"]),
        // Red Brasil
        Organization(name: "São Paulo", country: "BR", network: "brasil", activeForDays: 620, domains: ["prefeitura.sp.gov.br", "saopaulo.sp.leg.br"]),
        Organization(name: "Rio de Janeiro", country: "BR", network: "brasil", activeForDays: 280, domains: ["rio.rj.gov.br"]),
        Organization(name: "Belo Horizonte", country: "BR", network: "brasil", activeForDays: 180, domains: ["pbh.gov.br"]),
        Organization(name: "Curitiba", country: "BR", network: "brasil", activeForDays: 455, domains: ["curitiba.pr.gov.br"]),
        Organization(name: "Recife", country: "BR", network: "brasil", activeForDays: -120, domains: ["recife.pe.gov.br"]),
        Organization(name: "Porto Alegre", country: "BR", network: "brasil", activeForDays: 95, domains: ["portoalegre.rs.gov.br"]),
        // Red Centroamérica y Caribe
        Organization(name: "San José", country: "CR", network: "centroamerica", activeForDays: 365, domains: ["msj.go.cr"]),
        Organization(name: "Ciudad de Guatemala", country: "GT", network: "centroamerica", activeForDays: 230, domains: ["muniguate.gob.gt"]),
        Organization(name: "San Salvador", country: "SV", network: "centroamerica", activeForDays: 130, domains: ["sansalvador.gob.sv"]),
        Organization(name: "Tegucigalpa", country: "HN", network: "centroamerica", activeForDays: -300, domains: ["amdc.gob.hn"]),
        Organization(name: "Ciudad de Panamá", country: "PA", network: "centroamerica", activeForDays: 500, domains: ["mupa.gob.pa"]),
        Organization(name: "Santo Domingo", country: "DO", network: "centroamerica", activeForDays: -60, domains: ["adn.gob.do"]),
        // Red Cono Sur
        Organization(name: "Buenos Aires", country: "AR", network: "conosur", activeForDays: 700, domains: ["buenosaires.gob.ar"]),
        Organization(name: "Rosario", country: "AR", network: "conosur", activeForDays: 240, domains: ["rosario.gob.ar"]),
        Organization(name: "Santiago", country: "CL", network: "conosur", activeForDays: 310, domains: ["munistgo.cl"]),
        Organization(name: "Valparaíso", country: "CL", network: "conosur", activeForDays: -30, domains: ["munivalpo.cl"]),
        Organization(name: "Montevideo", country: "UY", network: "conosur", activeForDays: 420, domains: ["montevideo.gub.uy"]),
        Organization(name: "Asunción", country: "PY", network: "conosur", activeForDays: -400, domains: ["asuncion.gov.py"]),
        // Red Ibérica
        Organization(name: "Madrid", country: "ES", network: "iberica", activeForDays: 650, domains: ["madrid.es"]),
        Organization(name: "Barcelona", country: "ES", network: "iberica", activeForDays: 380, domains: ["bcn.cat"]),
        Organization(name: "Bilbao", country: "ES", network: "iberica", activeForDays: 270, domains: ["bilbao.eus"]),
        Organization(name: "Málaga", country: "ES", network: "iberica", activeForDays: -90, domains: ["malaga.eu"]),
        Organization(name: "Lisboa", country: "PT", network: "iberica", activeForDays: 560, domains: ["cm-lisboa.pt", "am-lisboa.pt"]),
        Organization(name: "Porto", country: "PT", network: "iberica", activeForDays: 200, domains: ["cm-porto.pt"]),
        // Red Mexicana
        Organization(name: "Ciudad de México", country: "MX", network: "mexicana", activeForDays: 480, domains: ["cdmx.gob.mx"]),
        Organization(name: "Guadalajara", country: "MX", network: "mexicana", activeForDays: 260, domains: ["guadalajara.gob.mx"]),
        Organization(name: "Monterrey", country: "MX", network: "mexicana", activeForDays: 330, domains: ["monterrey.gob.mx"]),
        Organization(name: "Puebla", country: "MX", network: "mexicana", activeForDays: -150, domains: ["pueblacapital.gob.mx"]),
        Organization(name: "Mérida", country: "MX", network: "mexicana", activeForDays: 110, domains: ["merida.gob.mx"]),
        Organization(name: "Durango", country: "MX", network: "mexicana", activeForDays: 600, domains: ["municipiodurango.gob.mx"]),
    ]

    // MARK: - Topics

    static let topics: [DemoShapes.Topic] = [
        Topic(
            slug: "planificacion-estrategica-urbana", es: "Planificación estratégica urbana",
            pt: "Planejamento estratégico urbano", en: "Urban strategic planning", fr: "Planification stratégique urbaine"
        ),
        Topic(
            slug: "genero-y-cuidados", es: "Perspectiva de género y cuidados",
            pt: "Perspectiva de gênero e cuidados", en: "Gender and care perspective", fr: "Approche de genre et des soins"
        ),
        Topic(
            slug: "ciudades-hexagonales", es: "Ecosistemas de innovación pública y urbana (ciudades hexagonales)",
            pt: "Ecossistemas de inovação pública e urbana (cidades hexagonais)",
            en: "Public and urban innovation ecosystems (hexagonal cities)",
            fr: "Écosystèmes d’innovation publique et urbaine (villes hexagonales)"
        ),
        Topic(
            slug: "movilidad-urbana-sostenible", es: "Movilidad urbana sostenible",
            pt: "Mobilidade urbana sustentável", en: "Sustainable urban mobility", fr: "Mobilité urbaine durable"
        ),
        Topic(
            slug: "resiliencia-urbana", es: "Resiliencia urbana",
            pt: "Resiliência urbana", en: "Urban resilience", fr: "Résilience urbaine"
        ),
        Topic(
            slug: "distritos-de-innovacion", es: "Distritos de innovación",
            pt: "Distritos de inovação", en: "Innovation districts", fr: "Quartiers d’innovation"
        ),
        Topic(
            slug: "ciudad-de-proximidad", es: "Ciudad de proximidad",
            pt: "Cidade de proximidade", en: "Proximity city", fr: "Ville de proximité"
        ),
        Topic(
            slug: "gobernanza-metropolitana", es: "Gobernanza metropolitana",
            pt: "Governança metropolitana", en: "Metropolitan governance", fr: "Gouvernance métropolitaine"
        ),
        Topic(
            slug: "objetivos-desarrollo-sostenible", es: "Objetivos de Desarrollo Sostenible",
            pt: "Objetivos de Desenvolvimento Sustentável", en: "Sustainable Development Goals",
            fr: "Objectifs de développement durable"
        ),
        Topic(
            slug: "ciudades-inteligentes-datos-abiertos", es: "Ciudades inteligentes y datos abiertos",
            pt: "Cidades inteligentes e dados abertos", en: "Smart cities and open data",
            fr: "Villes intelligentes et données ouvertes"
        ),
        Topic(
            slug: "participacion-ciudadana", es: "Participación ciudadana",
            pt: "Participação cidadã", en: "Citizen participation", fr: "Participation citoyenne"
        ),
        Topic(
            slug: "accion-climatica-energia", es: "Acción climática y energía",
            pt: "Ação climática e energia", en: "Climate action and energy", fr: "Action climatique et énergie"
        ),
    ]

    // MARK: - Catalog

    static let courses: [DemoShapes.Course] = [
        // The flagship: a yearly edition with an in-person seminar in a member city.
        Course(
            slug: "programa-pensamiento-estrategico-urbano",
            kind: "programme",
            title: "Programa de Especialización en Pensamiento Estratégico Urbano",
            summary: "El programa insignia de la red: un año para aprender a pensar la ciudad a largo plazo y volver a casa con la estrategia de tu ciudad en marcha. En línea, con un seminario presencial en una ciudad socia.",
            description: """
                Dirigido a alcaldes y alcaldesas, concejales, directivos públicos y equipos técnicos municipales que tienen en sus manos el futuro de su ciudad y necesitan un método para ordenarlo. Desde 2005, el programa ha dado lugar a cerca de 500 estrategias urbanas en toda Iberoamérica.

                Cada participante trabaja sobre un caso real de su propio municipio: diagnóstico, visión compartida, proyectos estructurantes y un sistema de seguimiento. Al terminar, se lleva un documento estratégico listo para presentar a su gobierno y una red de colegas que enfrentan los mismos desafíos.

                El programa combina semanas en línea con clases magistrales, diálogos con personas expertas y un foro para reflexionar y debatir, que el equipo docente abre en cada sesión con una pregunta, un video o una noticia. A mitad de recorrido, una ciudad socia acoge el seminario presencial: unos días para conocer su transformación sobre el terreno y contrastar los proyectos en grupo.
                """,
            language: "es",
            pathways: ["people-centred", "resilient", "equitable"],
            topics: ["planificacion-estrategica-urbana", "gobernanza-metropolitana", "participacion-ciudadana"],
            editions: [
                Edition(
                    name: "XIX edición", language: "es",
                    startsInDays: 75, lengthInDays: 240, enrollmentOpensInDays: -20, enrollmentClosesInDays: 40,
                    capacity: 60, seminarCity: "Durango", admission: "approval", fee: 1200
                ),
                Edition(
                    name: "XVIII edición", language: "es",
                    startsInDays: -560, lengthInDays: 200, enrollmentOpensInDays: -660, enrollmentClosesInDays: -580,
                    capacity: 60, seminarCity: "Montevideo", admission: "approval", fee: 1200
                ),
            ]
        ),

        // Specialization courses: online, six to eight weeks, a call each semester.
        Course(
            slug: "perspectiva-genero-cuidados-planificacion",
            kind: "course",
            title: "Perspectiva de género y cuidados en la planificación estratégica urbana",
            summary: "Siete semanas para incorporar la perspectiva de género y la economía de los cuidados en los planes de tu ciudad, desde el diagnóstico hasta los indicadores.",
            description: """
                Para responsables de planificación, igualdad, desarrollo social y obras públicas que quieren ciudades pensadas para la vida cotidiana de todas las personas, y no solo para el trayecto de casa al trabajo.

                Aprenderás a leer el territorio con datos desagregados, a reconocer el trabajo de cuidados que sostiene la ciudad y a traducirlo en decisiones concretas: equipamientos de proximidad, espacio público seguro, movilidad del cuidado y presupuestos con enfoque de género. Te llevas una matriz de diagnóstico y un plan de acción para un barrio de tu municipio.

                El curso es en línea y dura siete semanas. Cada semana combina una clase magistral, un diálogo con personas expertas y el foro de reflexión y debate, que se abre con una pregunta de partida del equipo docente.
                """,
            language: "es",
            pathways: ["equitable", "people-centred"],
            topics: ["genero-y-cuidados", "planificacion-estrategica-urbana", "ciudad-de-proximidad"],
            editions: [
                Edition(
                    name: "Segundo semestre 2026", language: "es",
                    startsInDays: -20, lengthInDays: 49, enrollmentOpensInDays: -80, enrollmentClosesInDays: -25,
                    capacity: 50, seminarCity: nil, admission: "approval", fee: 600
                ),
                Edition(
                    name: "Primer semestre 2027", language: "es",
                    startsInDays: 90, lengthInDays: 49, enrollmentOpensInDays: 30, enrollmentClosesInDays: 75,
                    capacity: 50, seminarCity: nil, admission: "approval", fee: 600
                ),
            ]
        ),
        Course(
            slug: "ciudades-hexagonales",
            kind: "course",
            title: "Ciudades hexagonales: ecosistemas de innovación pública y urbana",
            summary: "Cómo conectar gobierno local, universidades, empresas, organizaciones sociales y ciudadanía para que la innovación deje de ser un piloto aislado y se convierta en una forma de gobernar.",
            description: """
                Para directivos y equipos técnicos de innovación, desarrollo económico, modernización y transformación digital, y para concejales que impulsan una agenda de innovación en su municipio.

                Recorrerás las piezas de un ecosistema de innovación pública y urbana: laboratorios de gobierno, compra pública de innovación, alianzas con universidades y empresas, espacios de experimentación en los barrios y mecanismos para escalar lo que funciona. Terminarás con un mapa de actores de tu ciudad y una hoja de ruta para activarlo.

                Son ocho semanas en línea con clases magistrales, diálogos con responsables de laboratorios urbanos de la red y un foro de reflexión y debate. Cada sesión arranca con una provocación del equipo docente (una pregunta, un video o una noticia) para abrir la discusión.
                """,
            language: "es",
            pathways: ["people-centred", "circular"],
            topics: ["ciudades-hexagonales", "distritos-de-innovacion", "ciudades-inteligentes-datos-abiertos"],
            editions: [
                Edition(
                    name: "Primer semestre 2026", language: "es",
                    startsInDays: -200, lengthInDays: 56, enrollmentOpensInDays: -260, enrollmentClosesInDays: -205,
                    capacity: 60, seminarCity: nil, admission: "approval", fee: 750
                ),
                Edition(
                    name: "Cohorte de diciembre 2026", language: "es",
                    startsInDays: 10, lengthInDays: 56, enrollmentOpensInDays: -50, enrollmentClosesInDays: -5,
                    capacity: 60, seminarCity: nil, admission: "approval", fee: 750
                ),
            ]
        ),
        Course(
            slug: "movilidad-urbana-sostenible",
            kind: "course",
            title: "Movilidad urbana sostenible: del plan a la calle",
            summary: "Seis semanas para diseñar políticas de movilidad que den prioridad a peatones, ciclistas y transporte público, y para saber defenderlas ante la ciudadanía.",
            description: """
                Para equipos de movilidad, tránsito, transporte y planeamiento urbano, y para autoridades electas que deben decidir cómo se reparte el espacio de la calle.

                Trabajarás la jerarquía de la movilidad, la integración del transporte público, la electromovilidad, la seguridad vial y la logística urbana, con herramientas para medir y comunicar el impacto de cada medida. Te llevas una ficha de intervención lista para un corredor o un barrio de tu ciudad.

                Seis semanas en línea, cada una con una clase magistral, un diálogo con personas expertas, casos de ciudades de la red y un foro de reflexión y debate que se abre con una pregunta o un video propuesto por el equipo docente.
                """,
            language: "es",
            pathways: ["low-carbon", "people-centred"],
            topics: ["movilidad-urbana-sostenible", "accion-climatica-energia", "ciudad-de-proximidad"],
            editions: [
                Edition(
                    name: "Primer semestre 2026", language: "es",
                    startsInDays: -230, lengthInDays: 42, enrollmentOpensInDays: -290, enrollmentClosesInDays: -235,
                    capacity: 80, seminarCity: nil, admission: "approval", fee: 600
                ),
                Edition(
                    name: "Primer semestre 2027", language: "es",
                    startsInDays: 60, lengthInDays: 42, enrollmentOpensInDays: -10, enrollmentClosesInDays: 45,
                    capacity: 80, seminarCity: nil, admission: "approval", fee: 600
                ),
            ]
        ),
        Course(
            slug: "resiliencia-urbana",
            kind: "course",
            title: "Resiliencia urbana: prepararse, resistir y recuperarse",
            summary: "Ocho semanas para entender los riesgos de tu ciudad, climáticos, sanitarios y económicos, y convertirlos en una agenda de resiliencia con prioridades claras.",
            description: """
                Para responsables de gestión de riesgos, protección civil, planificación, medio ambiente y servicios urbanos, y para quienes coordinan la respuesta municipal ante emergencias.

                Verás cómo identificar amenazas y vulnerabilidades, cómo usar soluciones basadas en la naturaleza frente a inundaciones y olas de calor, y cómo organizar la recuperación para que la ciudad salga más fuerte de cada crisis. Te llevas un diagnóstico preliminar de resiliencia y una cartera de acciones priorizadas.

                El curso es en línea y combina clases magistrales, diálogos con equipos municipales que han atravesado emergencias recientes y un foro de reflexión y debate; cada sesión se abre con una pregunta o una noticia que propone el equipo docente.
                """,
            language: "es",
            pathways: ["resilient", "nature-based"],
            topics: ["resiliencia-urbana", "accion-climatica-energia"],
            editions: [
                Edition(
                    name: "Segundo semestre 2026", language: "es",
                    startsInDays: -120, lengthInDays: 56, enrollmentOpensInDays: -180, enrollmentClosesInDays: -125,
                    capacity: 60, seminarCity: nil, admission: "approval", fee: 650
                ),
                Edition(
                    name: "Primer semestre 2027", language: "es",
                    startsInDays: 115, lengthInDays: 56, enrollmentOpensInDays: 45, enrollmentClosesInDays: 100,
                    capacity: 60, seminarCity: nil, admission: "approval", fee: 650
                ),
            ]
        ),
        Course(
            slug: "distritos-de-innovacion",
            kind: "course",
            title: "Distritos de innovación: economía del conocimiento en el corazón de la ciudad",
            summary: "Seis semanas sobre cómo planificar, gobernar y financiar un distrito de innovación que genere empleo y vida de barrio, y no solo edificios de oficinas.",
            description: """
                Para responsables de desarrollo económico, urbanismo y gestión del suelo, y para equipos que preparan la reconversión de áreas industriales, portuarias o centrales.

                Analizarás modelos de distritos de innovación en Iberoamérica y Europa, sus instrumentos urbanísticos y de gestión, y los riesgos de gentrificación junto con las formas de mitigarlos. Te llevas un esquema de gobernanza y un primer programa de usos para un ámbito de tu ciudad.

                Seis semanas en línea con clases magistrales, visitas virtuales guiadas, diálogos con gestores de distritos y un foro de reflexión y debate que se abre cada semana con una pregunta del equipo docente.
                """,
            language: "es",
            pathways: ["circular", "equitable"],
            topics: ["distritos-de-innovacion", "ciudades-hexagonales", "planificacion-estrategica-urbana"],
            editions: [
                Edition(
                    name: "Segundo semestre 2026", language: "es",
                    startsInDays: -35, lengthInDays: 42, enrollmentOpensInDays: -90, enrollmentClosesInDays: -40,
                    capacity: 40, seminarCity: nil, admission: "approval", fee: 450
                ),
            ]
        ),

        // For mayors and councilors of capital cities, in three modules.
        Course(
            slug: "programa-ciudades-s3",
            kind: "programme",
            title: "Programa S3 para alcaldes y concejales: ciudades sostenibles, inteligentes y sensibles",
            summary: "Tres módulos para que las autoridades de las ciudades capitales lideren la transición verde y digital sin dejar a nadie atrás.",
            description: """
                Un programa reservado a alcaldesas, alcaldes, concejalas y concejales de las ciudades capitales de la red. Reúne a quienes toman las decisiones para compartir, entre pares, cómo gobernar una ciudad sostenible, inteligente y sensible a las necesidades de su gente.

                El primer módulo presenta la ciudad S3 como respuesta a la economía verde, digital y global. El segundo recorre las políticas que la hacen posible: energía y acción climática, inclusión social y servicios, infraestructura sostenible, movilidad inteligente, datos abiertos y transparencia, y participación ciudadana. El tercero se centra en cómo implicar a los actores de la ciudad (vecinos, empresas, universidades y otras administraciones) en esa agenda.

                Las sesiones son en línea y breves, pensadas para agendas exigentes: una clase magistral, un diálogo con personas expertas y con colegas de otras capitales, y un foro de reflexión y debate que se abre con una pregunta para llevar a la práctica en la propia ciudad.
                """,
            language: "es",
            pathways: ["low-carbon", "equitable", "people-centred"],
            topics: ["ciudades-inteligentes-datos-abiertos", "accion-climatica-energia", "participacion-ciudadana"],
            editions: [
                Edition(
                    name: "Módulo 1: la ciudad S3, respuesta a la economía verde, digital y global", language: "es",
                    startsInDays: -100, lengthInDays: 35, enrollmentOpensInDays: -140, enrollmentClosesInDays: -105,
                    capacity: 40, seminarCity: nil, admission: "members", fee: 0
                ),
                Edition(
                    name: "Módulo 2: energía, inclusión, infraestructura, movilidad, datos abiertos y participación", language: "es",
                    startsInDays: -50, lengthInDays: 70, enrollmentOpensInDays: -140, enrollmentClosesInDays: -105,
                    capacity: 40, seminarCity: nil, admission: "members", fee: 0
                ),
                Edition(
                    name: "Módulo 3: implicación de los actores de la ciudad", language: "es",
                    startsInDays: 30, lengthInDays: 28, enrollmentOpensInDays: -140, enrollmentClosesInDays: -105,
                    capacity: 40, seminarCity: nil, admission: "members", fee: 0
                ),
            ]
        ),

        // Offered in three languages; the course text is in Spanish, each edition in its own language.
        Course(
            slug: "localizacion-ods",
            kind: "course",
            title: "Localizar los Objetivos de Desarrollo Sostenible en tu ciudad",
            summary: "Cinco semanas para llevar la Agenda 2030 al plan de gobierno municipal: prioridades, metas locales, indicadores y rendición de cuentas. Se ofrece en español, inglés y francés.",
            description: """
                Para equipos de planificación, presupuesto, cooperación internacional y estadística municipal, y para autoridades que quieren alinear su gestión con la Agenda 2030.

                Aprenderás a cruzar los ODS con el plan de desarrollo de tu ciudad, a elegir metas e indicadores locales que se puedan medir con los datos disponibles y a preparar un informe local voluntario. Te llevas una matriz de alineación y un tablero básico de indicadores.

                El curso es en línea, gratuito y se ofrece en tres idiomas, cada edición con su propio equipo docente. Combina clases magistrales, diálogos con ciudades que ya han presentado su informe local y un foro de reflexión y debate que se abre en cada sesión con una pregunta o una noticia.
                """,
            language: "es",
            pathways: ["equitable", "resilient"],
            topics: ["objetivos-desarrollo-sostenible", "planificacion-estrategica-urbana"],
            editions: [
                Edition(
                    name: "Edición 2027", language: "es",
                    startsInDays: 45, lengthInDays: 35, enrollmentOpensInDays: -7, enrollmentClosesInDays: 30,
                    capacity: 10, seminarCity: nil, admission: "open", fee: 0
                ),
                Edition(
                    name: "2027 edition", language: "en",
                    startsInDays: 75, lengthInDays: 35, enrollmentOpensInDays: 20, enrollmentClosesInDays: 60,
                    capacity: 80, seminarCity: nil, admission: "open", fee: 0
                ),
                Edition(
                    name: "Édition 2026", language: "fr",
                    startsInDays: -14, lengthInDays: 35, enrollmentOpensInDays: -60, enrollmentClosesInDays: -16,
                    capacity: 50, seminarCity: nil, admission: "open", fee: 0
                ),
            ]
        ),

        // Designed on request for one member city.
        Course(
            slug: "formacion-a-medida-cuenca-centro-historico",
            kind: "adhoc",
            title: "Formación a medida para Cuenca: un centro histórico vivo y habitado",
            summary: "Una formación diseñada con la municipalidad de Cuenca para su equipo de gestión del centro histórico: vivienda, comercio de barrio y espacio público.",
            description: """
                Una formación cerrada para el equipo directivo y técnico de la municipalidad de Cuenca, construida a partir de sus propias prioridades: recuperar vivienda en el centro histórico, sostener el comercio de proximidad y cuidar el espacio público sin congelar la ciudad.

                Los contenidos parten de los proyectos que el municipio ya tiene en curso y de la experiencia de otras ciudades patrimoniales de la red. El equipo se lleva criterios compartidos, un banco de casos comparables y una hoja de ruta contrastada con personas expertas.

                Combina sesiones en línea con clases magistrales y diálogos con expertos, un foro de reflexión y debate reservado al grupo y una jornada de trabajo presencial en Cuenca. El equipo de la red valida las inscripciones junto con la municipalidad.
                """,
            language: "es",
            pathways: ["people-centred", "equitable"],
            topics: ["planificacion-estrategica-urbana", "ciudad-de-proximidad"],
            editions: [
                Edition(
                    name: "Edición para Cuenca", language: "es",
                    startsInDays: 20, lengthInDays: 30, enrollmentOpensInDays: -40, enrollmentClosesInDays: -10,
                    capacity: 30, seminarCity: "Cuenca", admission: "approval", fee: 0
                ),
            ]
        ),

        // Training capsules: short, asynchronous, self-managed; no editions.
        Course(
            slug: "capsula-estrategia-urbana",
            kind: "capsule",
            title: "Qué es una estrategia urbana y para qué sirve",
            summary: "Una cápsula breve para entender en qué se diferencia una estrategia urbana de un plan de gobierno y por qué conviene tener las dos.",
            description: """
                Para autoridades recién electas y equipos que empiezan un proceso de planificación. Recorre las fases de una estrategia (diagnóstico, visión, líneas estratégicas, proyectos y seguimiento) con ejemplos de ciudades de la red.

                Es autogestionada y asincrónica: videos cortos, lecturas breves y una autoevaluación final, a tu ritmo y también desde el teléfono. Te llevas una lista de comprobación para saber si tu ciudad está lista para empezar.
                """,
            language: "es",
            pathways: ["people-centred"],
            topics: ["planificacion-estrategica-urbana"],
            editions: []
        ),
        Course(
            slug: "capsula-gobernanza-metropolitana",
            kind: "capsule",
            title: "Gobernanza metropolitana: gobernar una ciudad que no cabe en un municipio",
            summary: "Claves para cooperar con los municipios vecinos en transporte, agua, residuos y suelo cuando la ciudad real supera los límites administrativos.",
            description: """
                Para alcaldes, concejales y equipos técnicos de municipios que forman parte de un área metropolitana. Presenta los modelos de coordinación más habituales, desde los acuerdos voluntarios hasta las autoridades metropolitanas, con sus ventajas e inconvenientes.

                Se recorre a tu ritmo en unas dos horas, con videos cortos, un caso comentado y una autoevaluación. Incluye una plantilla para mapear las competencias compartidas en tu área metropolitana.
                """,
            language: "es",
            pathways: ["resilient", "equitable"],
            topics: ["gobernanza-metropolitana"],
            editions: []
        ),
        Course(
            slug: "capsula-cidade-de-proximidade",
            kind: "capsule",
            title: "Cidade de proximidade: o bairro como escala de planejamento",
            summary: "Uma cápsula curta para entender como aproximar serviços, comércio e áreas verdes da vida cotidiana e reduzir deslocamentos.",
            description: """
                Para gestores e técnicos municipais de planejamento urbano, mobilidade e serviços sociais. Apresenta o conceito de cidade de proximidade, com exemplos de cidades da rede, e ferramentas simples para medir o acesso a pé aos serviços essenciais.

                É autogerida e assíncrona: vídeos curtos, leituras e uma autoavaliação, no seu ritmo e também pelo celular. Você sai com um roteiro para fazer o primeiro diagnóstico de proximidade em um bairro da sua cidade.
                """,
            language: "pt",
            pathways: ["low-carbon", "people-centred"],
            topics: ["ciudad-de-proximidad"],
            editions: []
        ),
        Course(
            slug: "capsula-movilidad-sostenible",
            kind: "capsule",
            title: "Movilidad sostenible: cinco decisiones que cambian una ciudad",
            summary: "Las medidas de movilidad con mejor relación entre costo e impacto, explicadas en menos de dos horas.",
            description: """
                Para autoridades y equipos que necesitan priorizar en movilidad con poco presupuesto: calles para caminar, carriles exclusivos para buses, redes ciclistas, gestión del estacionamiento y seguridad vial.

                Autogestionada y asincrónica, con videos cortos, datos de ciudades de la red y una autoevaluación final. Sirve como introducción antes del curso de especialización en movilidad urbana sostenible.
                """,
            language: "es",
            pathways: ["low-carbon"],
            topics: ["movilidad-urbana-sostenible"],
            editions: []
        ),
        Course(
            slug: "capsula-transversalidad-genero-gestion-municipal",
            kind: "capsule",
            title: "Transversalidad de género en la gestión municipal",
            summary: "Herramientas prácticas para que la igualdad no dependa de una sola oficina: presupuestos, contratación, datos y comunicación con perspectiva de género.",
            description: """
                Para cualquier persona que trabaje en una alcaldía, municipalidad, ayuntamiento o prefeitura. Muestra cómo incorporar la perspectiva de género en los procesos de todas las áreas, no solo en las de igualdad.

                Se completa a tu ritmo, con videos cortos, ejemplos de ciudades de la red y una autoevaluación. Incluye una guía de preguntas para revisar un programa o un pliego de contratación de tu área.
                """,
            language: "es",
            pathways: ["equitable"],
            topics: ["genero-y-cuidados"],
            editions: []
        ),
        Course(
            slug: "capsula-resiliencia-urbana",
            kind: "capsule",
            title: "Resiliencia urbana: primeros pasos",
            summary: "Qué significa que una ciudad sea resiliente y cómo empezar a medirlo con la información que el municipio ya tiene.",
            description: """
                Para equipos de gestión de riesgos, medio ambiente y planificación que buscan una introducción práctica antes de abordar un plan de resiliencia.

                Es autogestionada: videos cortos, un ejercicio guiado para identificar las principales amenazas de tu ciudad y una autoevaluación final, todo a tu ritmo.
                """,
            language: "es",
            pathways: ["resilient", "nature-based"],
            topics: ["resiliencia-urbana", "accion-climatica-energia"],
            editions: []
        ),
        Course(
            slug: "capsula-datos-abiertos",
            kind: "capsule",
            title: "Datos abiertos municipales: publicar para rendir cuentas y crear valor",
            summary: "Cómo abrir los datos del municipio con pocos recursos, qué conjuntos publicar primero y cómo lograr que alguien los use.",
            description: """
                Para responsables de transparencia, tecnología y estadística municipal, y para autoridades que quieren un gobierno más abierto.

                Videos cortos, una lista de conjuntos de datos prioritarios y una autoevaluación. Se recorre a tu ritmo en unas dos horas, también desde el teléfono.
                """,
            language: "es",
            pathways: ["people-centred"],
            topics: ["ciudades-inteligentes-datos-abiertos", "participacion-ciudadana"],
            editions: []
        ),
        Course(
            slug: "capsula-participacion-ciudadana",
            kind: "capsule",
            title: "Participación ciudadana que incide en las decisiones",
            summary: "Cómo diseñar procesos participativos con reglas claras, devolución de resultados y efecto real en el presupuesto y los proyectos.",
            description: """
                Para concejales y equipos de participación y de relación con los barrios. Repasa los presupuestos participativos, los consejos vecinales y las consultas digitales, y los errores que más desgastan la confianza.

                Autogestionada y asincrónica: videos cortos, casos de ciudades de la red y una autoevaluación. Te llevas una lista de comprobación para el próximo proceso participativo de tu ciudad.
                """,
            language: "es",
            pathways: ["people-centred", "equitable"],
            topics: ["participacion-ciudadana"],
            editions: []
        ),
    ]
}
